namespace Invorto.Realtime.Transports;

/// <summary>What <see cref="DtmfGate"/> makes of one DTMF message.</summary>
public enum DtmfVerdict
{
    Accepted,

    /// <summary>Empty, longer than <see cref="DtmfGate.MaxDigits"/>, or a character outside <c>0-9*#A-D</c>.</summary>
    Invalid,

    /// <summary>More messages than <see cref="DtmfGate.MessagesPerSecond"/> (after the burst).</summary>
    OverRate,
}

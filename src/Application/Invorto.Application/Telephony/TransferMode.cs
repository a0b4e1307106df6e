namespace Invorto.Application.Telephony;

public enum TransferMode
{
    /// <summary>Hand the caller over and leave (SIP REFER or a plain dial).</summary>
    Blind = 0,

    /// <summary>Dial the target and bridge only once it answers.</summary>
    Attended = 1,
}

namespace Invorto.Realtime.Transports;

/// <summary>What a frame from the far end asks of the session (see <see cref="InboundMessage"/>).</summary>
public enum InboundMessageKind
{
    /// <summary>Nothing to do: a message the session does not act on, or one refused silently (telephony DTMF out of bounds).</summary>
    Ignored,
    Audio,
    Digits,
    ToolResult,
    PlayoutMark,

    /// <summary>Refused with an <c>error</c> message to the far end; the session goes on.</summary>
    Refused,

    /// <summary>The far end ended the session (<c>end</c>, <c>stop</c>).</summary>
    End,

    /// <summary>A protocol violation: the socket is closed with a §5.1 code.</summary>
    Close,
}

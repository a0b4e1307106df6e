namespace Invorto.Domain.Calls;

/// <summary>An ordered fact on a call's timeline (<c>status.changed</c>, <c>stt.final</c>, <c>bargein</c>...).</summary>
public sealed class CallEvent
{
    public CallEvent(Guid callId, DateTimeOffset ts, string kind, string? payloadJson)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        CallId = callId;
        Ts = ts;
        Kind = kind;
        PayloadJson = payloadJson;
    }

    public long Id { get; private set; }

    public Guid CallId { get; private set; }

    public DateTimeOffset Ts { get; private set; }

    public string Kind { get; private set; }

    public string? PayloadJson { get; private set; }
}

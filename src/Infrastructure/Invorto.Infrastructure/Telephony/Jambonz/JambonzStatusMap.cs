using Invorto.Domain.Calls;

namespace Invorto.Infrastructure.Telephony.Jambonz;

/// <summary>Jambonz <c>call_status</c> values to ours (spec §2).</summary>
public static class JambonzStatusMap
{
    public static CallStatus? ToCallStatus(string? jambonzStatus) => jambonzStatus?.Trim().ToLowerInvariant() switch
    {
        "trying" or "queued" => CallStatus.Dialing,
        "ringing" or "early-media" => CallStatus.Ringing,
        "in-progress" => CallStatus.InProgress,
        "completed" => CallStatus.Completed,
        "failed" => CallStatus.Failed,
        "busy" => CallStatus.Busy,
        "no-answer" => CallStatus.NoAnswer,
        _ => null,
    };
}

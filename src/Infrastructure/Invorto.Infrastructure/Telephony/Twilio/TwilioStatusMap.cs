using Invorto.Domain.Calls;

namespace Invorto.Infrastructure.Telephony.Twilio;

/// <summary>Twilio <c>CallStatus</c> values to ours (spec §2).</summary>
public static class TwilioStatusMap
{
    public static CallStatus? ToCallStatus(string? twilioStatus) => twilioStatus?.Trim().ToLowerInvariant() switch
    {
        "queued" or "initiated" => CallStatus.Dialing,
        "ringing" => CallStatus.Ringing,
        "in-progress" or "answered" => CallStatus.InProgress,
        "completed" => CallStatus.Completed,
        "busy" => CallStatus.Busy,
        "no-answer" => CallStatus.NoAnswer,
        "failed" => CallStatus.Failed,
        "canceled" => CallStatus.Canceled,
        _ => null,
    };
}

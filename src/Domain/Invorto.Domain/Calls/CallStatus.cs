namespace Invorto.Domain.Calls;

/// <summary>The states of spec §2. Wire names come from <see cref="CallStatusNames"/>.</summary>
public enum CallStatus
{
    Queued = 0,
    Dialing = 1,
    Ringing = 2,
    InProgress = 3,
    Completed = 4,
    Failed = 5,
    Busy = 6,
    NoAnswer = 7,
    Canceled = 8,
}

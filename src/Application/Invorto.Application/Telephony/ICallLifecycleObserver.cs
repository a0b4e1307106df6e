using Invorto.Domain.Calls;

namespace Invorto.Application.Telephony;

/// <summary>
/// Told when a call ends, once, after the terminal state is saved: where the concurrency slot is released
/// and <c>call.ended</c> is emitted. Implementations are idempotent (a crash may repeat them).
/// </summary>
public interface ICallLifecycleObserver
{
    Task CallEndedAsync(Call call, CancellationToken cancellationToken);
}

namespace Invorto.Testing;

/// <summary>
/// Lets a test wait until a fake server's state meets a condition, without polling: the fake calls
/// <see cref="Notify"/> after each change, which completes every wait whose condition now holds.
/// </summary>
public sealed class ConditionWaiters
{
    private readonly Lock _gate = new();
    private readonly List<(Func<bool> Condition, TaskCompletionSource Done)> _waiters = [];

    /// <summary>Completes once <paramref name="condition"/> holds; a <see cref="TimeoutException"/> after <paramref name="timeout"/> (10 s).</summary>
    public async Task WaitAsync(Func<bool> condition, TimeSpan? timeout)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (condition())
            {
                return;
            }

            _waiters.Add((condition, done));
        }

        await done.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(10));
    }

    public void Notify()
    {
        lock (_gate)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Condition())
                {
                    _waiters[i].Done.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }
}

using System.Diagnostics;

namespace Invorto.Testing;

/// <summary>Waits for a condition instead of sleeping for a guessed time: polls until it holds or the timeout passes.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, TimeSpan? pollInterval = null)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (waited.Elapsed > timeout)
            {
                throw new TimeoutException($"The condition did not hold within {timeout}; last value: {value}.");
            }

            await Task.Delay(pollInterval ?? TimeSpan.FromMilliseconds(20));
        }
    }
}

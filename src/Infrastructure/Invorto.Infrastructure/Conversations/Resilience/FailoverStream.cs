using System.Runtime.CompilerServices;
using Invorto.Application.Conversations.Providers;
using Polly.CircuitBreaker;

namespace Invorto.Infrastructure.Conversations.Resilience;

/// <summary>
/// Streams from the first provider of a chain that delivers its first item, through each provider's circuit. A provider
/// that fails before its first item (refused, unreachable, no first byte in time, circuit open) hands over to the next;
/// once an item has been passed on, a failure is the caller's: nothing half streamed is ever replayed from another
/// provider (a reply would be spoken twice). When no provider is left, a <see cref="ProviderException"/> says so.
/// <c>served</c> is told which provider answered, once, before its first item.
/// </summary>
internal static class FailoverStream
{
    public static async IAsyncEnumerable<TItem> RunAsync<TProvider, TItem>(
        IReadOnlyList<ProviderCandidate<TProvider>> chain,
        Func<TProvider, CancellationToken, IAsyncEnumerable<TItem>> open,
        ProviderCircuits circuits,
        IProviderFailoverObserver observer,
        [EnumeratorCancellation] CancellationToken cancellationToken,
        Action<string>? served = null)
    {
        Exception? last = null;
        for (var i = 0; i < chain.Count; i++)
        {
            var candidate = chain[i];
            var items = open(candidate.Provider, cancellationToken).GetAsyncEnumerator(cancellationToken);
            bool hasFirst;
            try
            {
                hasFirst = await circuits.For(candidate.CircuitKey)
                    .ExecuteAsync(static (enumerator, _) => enumerator.MoveNextAsync(), items, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsFailover(exception, cancellationToken))
            {
                await items.DisposeAsync().ConfigureAwait(false);
                last = exception;
                observer.FailedOver(candidate.Name, i + 1 < chain.Count ? chain[i + 1].Name : null, exception);
                continue;
            }

            try
            {
                served?.Invoke(candidate.Name);
                if (!hasFirst)
                {
                    yield break;
                }

                yield return items.Current;
                while (await items.MoveNextAsync().ConfigureAwait(false))
                {
                    yield return items.Current;
                }

                yield break;
            }
            finally
            {
                await items.DisposeAsync().ConfigureAwait(false);
            }
        }

        throw Exhausted(chain, last);
    }

    public static ProviderException Exhausted<TProvider>(IReadOnlyList<ProviderCandidate<TProvider>> chain, Exception? last)
    {
        var names = string.Join(", ", chain.Select(candidate => candidate.Name));
        return new ProviderException(chain.Count > 0 ? chain[^1].Name : "none", ProviderFailureKind.Unavailable, $"No provider left ({names}).", last);
    }

    /// <summary>A failure the next provider may not have; the caller's own cancellation is not one.</summary>
    public static bool IsFailover(Exception exception, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested
        && exception is ProviderException or BrokenCircuitException or HttpRequestException or TimeoutException or IOException;
}

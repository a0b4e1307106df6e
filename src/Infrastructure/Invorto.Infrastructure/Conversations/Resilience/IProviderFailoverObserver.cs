namespace Invorto.Infrastructure.Conversations.Resilience;

/// <summary>Told when a call leaves a failing provider for the next one in its chain (the timeline records it).</summary>
public interface IProviderFailoverObserver
{
    /// <param name="next">The provider tried next; null when none is left.</param>
    void FailedOver(string failed, string? next, Exception exception);
}

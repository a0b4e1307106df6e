using Invorto.Domain.Common;

namespace Invorto.Application.Abstractions;

/// <summary>Hands domain events to every registered <see cref="IDomainEventHandler{TEvent}"/> of their type, in order.</summary>
public interface IDomainEventDispatcher
{
    /// <summary>
    /// Runs every handler of every event, even after one throws (the failure is logged). Only cancellation of
    /// <paramref name="cancellationToken"/> stops the dispatch early.
    /// </summary>
    Task DispatchAsync(IReadOnlyList<IDomainEvent> domainEvents, CancellationToken cancellationToken);
}

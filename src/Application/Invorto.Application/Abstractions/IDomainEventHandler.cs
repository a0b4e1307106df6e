using Invorto.Domain.Common;

namespace Invorto.Application.Abstractions;

/// <summary>
/// Reacts to one kind of domain event. Runs in the scope of the save that carries the event, before that save commits;
/// a failed save or a retried job may run it again, so implementations are idempotent. An exception is logged by the
/// dispatcher and does not stop the other handlers or the save: a handler with work that must not be lost keeps its
/// own retry (a slot lapses by its TTL, a session closes by its heartbeat).
/// </summary>
public interface IDomainEventHandler<in TEvent>
    where TEvent : IDomainEvent
{
    Task HandleAsync(TEvent domainEvent, CancellationToken cancellationToken);
}

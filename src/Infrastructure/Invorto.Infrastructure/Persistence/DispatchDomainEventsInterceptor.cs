using Invorto.Application.Abstractions;
using Invorto.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Invorto.Infrastructure.Persistence;

/// <summary>
/// Dispatches the domain events of the tracked aggregates at the start of every save, before it writes and commits
/// (architecture convention 3, as eShop's <c>SaveEntitiesAsync</c>): the events are taken off their aggregates first,
/// so a handler that saves again, or a retried save, does not see them twice. Events raised by the handlers themselves
/// wait for the next save.
/// </summary>
internal sealed class DispatchDomainEventsInterceptor(IDomainEventDispatcher dispatcher) : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && TakeEvents(context) is { Count: > 0 } domainEvents)
        {
            await dispatcher.DispatchAsync(domainEvents, cancellationToken);
        }

        return await base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context?.ChangeTracker.Entries<IHasDomainEvents>().Any(entry => entry.Entity.DomainEvents.Count > 0) == true)
        {
            throw new InvalidOperationException("Aggregates with domain events are saved with SaveChangesAsync, which dispatches them; SaveChanges would have to block on their handlers.");
        }

        return base.SavingChanges(eventData, result);
    }

    private static List<IDomainEvent> TakeEvents(DbContext context)
    {
        var raisers = context.ChangeTracker.Entries<IHasDomainEvents>()
            .Select(entry => entry.Entity)
            .Where(entity => entity.DomainEvents.Count > 0)
            .ToList();
        var domainEvents = raisers.SelectMany(entity => entity.DomainEvents).ToList();
        foreach (var entity in raisers)
        {
            entity.ClearDomainEvents();
        }

        return domainEvents;
    }
}

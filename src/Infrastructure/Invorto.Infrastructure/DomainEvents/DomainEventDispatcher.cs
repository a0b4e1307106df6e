using System.Collections.Concurrent;
using System.Reflection;
using Invorto.Application.Abstractions;
using Invorto.Domain.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Invorto.Infrastructure.DomainEvents;

/// <summary>
/// Runs the handlers the current scope registers for each event's type, one after another in registration order.
/// A handler that throws is logged and skipped over: the others still run and the save that dispatched the events goes on.
/// </summary>
public sealed partial class DomainEventDispatcher(IServiceProvider services, ILogger<DomainEventDispatcher> logger) : IDomainEventDispatcher
{
    private static readonly MethodInfo DispatchOneMethod =
        typeof(DomainEventDispatcher).GetMethod(nameof(DispatchOneAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private static readonly ConcurrentDictionary<Type, Func<DomainEventDispatcher, IDomainEvent, CancellationToken, Task>> ByEventType = new();

    public async Task DispatchAsync(IReadOnlyList<IDomainEvent> domainEvents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainEvents);
        foreach (var domainEvent in domainEvents)
        {
            var dispatch = ByEventType.GetOrAdd(domainEvent.GetType(), CreateDispatch);
            await dispatch(this, domainEvent, cancellationToken);
        }
    }

    private static Func<DomainEventDispatcher, IDomainEvent, CancellationToken, Task> CreateDispatch(Type eventType) =>
        DispatchOneMethod.MakeGenericMethod(eventType).CreateDelegate<Func<DomainEventDispatcher, IDomainEvent, CancellationToken, Task>>();

    private async Task DispatchOneAsync<TEvent>(IDomainEvent domainEvent, CancellationToken cancellationToken)
        where TEvent : IDomainEvent
    {
        foreach (var handler in services.GetServices<IDomainEventHandler<TEvent>>())
        {
            try
            {
                await handler.HandleAsync((TEvent)domainEvent, cancellationToken);
            }
            catch (Exception exception) when (!(exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                LogHandlerFailed(logger, handler.GetType().Name, typeof(TEvent).Name, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Domain event handler {Handler} failed on {Event}; the other handlers ran and the save went on")]
    private static partial void LogHandlerFailed(ILogger logger, string handler, string @event, Exception exception);
}

namespace Invorto.Domain.Common;

/// <summary>
/// A business fact an aggregate raised. Dispatched in-process by the unit of work before the aggregate's changes are
/// committed (never across services; those become integration events in an outbox).
/// </summary>
public interface IDomainEvent;

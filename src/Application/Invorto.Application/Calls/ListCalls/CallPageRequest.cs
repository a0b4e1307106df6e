namespace Invorto.Application.Calls.ListCalls;

/// <summary>What <see cref="ICallsQueries.ListAsync"/> reads: filters, the position after which to start, and how many rows.</summary>
public sealed record CallPageRequest(
    Guid TenantId,
    CallListFilter Filter,
    DateTimeOffset? AfterCreatedAt,
    Guid? AfterId,
    int Take);

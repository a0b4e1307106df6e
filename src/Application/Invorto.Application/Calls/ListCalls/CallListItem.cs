using Invorto.Domain.Calls;

namespace Invorto.Application.Calls.ListCalls;

/// <summary>A call's columns as a listing reads them (no timeline, no costs).</summary>
public sealed record CallListItem(
    Guid Id,
    Guid AgentId,
    int AgentVersion,
    Guid? CampaignId,
    CallDirection Direction,
    string From,
    string To,
    string Provider,
    CallStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? EndedAt,
    int? DurationSec,
    string? EndReason,
    decimal CostInr,
    string? MetadataJson);

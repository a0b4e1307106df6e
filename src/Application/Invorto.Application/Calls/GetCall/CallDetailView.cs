using Invorto.Domain.Calls;

namespace Invorto.Application.Calls.GetCall;

/// <summary>A call's columns, its costs and the configuration of the agent version it started with, as stored.</summary>
public sealed record CallDetailView(
    Guid Id,
    Guid AgentId,
    int AgentVersion,
    Guid? CampaignId,
    CallDirection Direction,
    string From,
    string To,
    string Provider,
    string? ProviderCallId,
    CallStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? EndedAt,
    int? DurationSec,
    string? EndReason,
    decimal CostInr,
    IReadOnlyList<CallCostView> Costs,
    string? UsageJson,
    string? SummaryJson,
    string? CarrierJson,
    string? AgentConfigJson,
    string? MetadataJson);

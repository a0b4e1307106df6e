namespace Invorto.Application.Calls;

/// <summary>A call as listings show it (<c>GET /v1/calls</c>); status and direction use their wire names.</summary>
public sealed record CallSummaryDto(
    Guid Id,
    Guid AgentId,
    int AgentVersion,
    Guid? CampaignId,
    string Direction,
    string From,
    string To,
    string Provider,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? EndedAt,
    int? DurationSec,
    string? EndReason,
    decimal CostInr,
    System.Text.Json.JsonElement? Metadata);

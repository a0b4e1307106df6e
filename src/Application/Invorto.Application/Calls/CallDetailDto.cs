using System.Text.Json;

namespace Invorto.Application.Calls;

/// <summary>One call as <c>GET /v1/calls/{id}</c> shows it; JSON columns are returned as the objects they hold.</summary>
public sealed record CallDetailDto(
    Guid Id,
    Guid AgentId,
    int AgentVersion,
    Guid? CampaignId,
    string Direction,
    string From,
    string To,
    string Provider,
    string? ProviderCallId,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? EndedAt,
    int? DurationSec,
    string? EndReason,
    decimal CostInr,
    IReadOnlyList<CallCostDto> Costs,
    JsonElement? Usage,
    JsonElement? Summary,
    JsonElement? Carrier,
    JsonElement? AgentConfigAtCallStart,
    JsonElement? Metadata,
    CallKpisDto? Kpis,
    CallAnalysisDto? Analysis);

namespace Invorto.Application.Calls.StartOutboundCall;

/// <summary><c>POST /v1/calls</c>: dial <paramref name="To"/> and connect the answer to an agent.</summary>
public sealed record StartOutboundCallCommand(Guid TenantId, Guid? AgentId, string? To, string? From, Guid? CampaignId, string? Provider);

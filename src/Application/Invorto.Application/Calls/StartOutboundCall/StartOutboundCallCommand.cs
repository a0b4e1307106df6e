using System.Text.Json;

namespace Invorto.Application.Calls.StartOutboundCall;

/// <summary><c>POST /v1/calls</c>: dial <paramref name="To"/> and connect the answer to an agent; <paramref name="Metadata"/> is the tenant's own flat key-value object.</summary>
public sealed record StartOutboundCallCommand(Guid TenantId, Guid? AgentId, string? To, string? From, Guid? CampaignId, string? Provider, JsonElement? Metadata = null);

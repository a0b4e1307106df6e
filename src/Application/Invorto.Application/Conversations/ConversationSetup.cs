using Invorto.Application.Agents.Configuration;
using Invorto.Domain.Calls;

namespace Invorto.Application.Conversations;

/// <summary>
/// Everything a media session needs to run a call's conversation. <see cref="CreatedNow"/> is true when the session
/// minted the call (a new web call, or a canary session), false when it attached to a call that already existed.
/// A canary session (<see cref="IsCanary"/>) has no database row, holds no concurrency slot, is not billed and sends no webhooks.
/// </summary>
public sealed record ConversationSetup(
    Guid CallId,
    Guid TenantId,
    Guid AgentId,
    int AgentVersion,
    AgentConfig Config,
    CallDirection Direction,
    Guid? CampaignId,
    int? TenantConcurrencyLimit,
    bool IsCanary,
    bool CreatedNow,
    string? ExternalRef)
{
    /// <summary>The tenant's <c>allowedToolHosts</c>: the hosts the agent's tools may call (empty: every public host).</summary>
    public IReadOnlyList<string> AllowedToolHosts { get; init; } = [];
}

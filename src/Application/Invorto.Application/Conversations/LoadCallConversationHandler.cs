using Invorto.Application.Abstractions;
using Invorto.Application.Agents.Specifications;
using Invorto.Application.Common;
using Invorto.Domain.Agents;
using Invorto.Domain.Calls;
using Invorto.Domain.Tenants;

namespace Invorto.Application.Conversations;

/// <summary>
/// The setup of a call that already exists (telephony transports, and sessions that join a call): the call must be
/// non-terminal and, when <c>expectedTenantId</c> is given, belong to that tenant; anything else is <c>not_found</c>,
/// so a socket learns nothing about other tenants' calls. The agent runs at the version the call was created with.
/// </summary>
public sealed class LoadCallConversationHandler(
    IReadRepository<Call> calls,
    IReadRepository<Agent> agents,
    IReadRepository<Tenant> tenants)
{
    public async Task<Result<ConversationSetup>> HandleAsync(Guid callId, Guid? expectedTenantId, CancellationToken cancellationToken)
    {
        var call = await calls.GetByIdAsync(callId, cancellationToken);
        if (call is null || call.Status.IsTerminal() || (expectedTenantId is { } tenantId && call.TenantId != tenantId))
        {
            return Error.NotFound("The call");
        }

        var agent = await agents.SingleOrDefaultAsync(new AgentByIdSpec(call.TenantId, call.AgentId), cancellationToken);
        var version = agent?.FindVersion(call.AgentVersion);
        if (version is null)
        {
            return Error.NotFound("The call's agent");
        }

        var tenant = await tenants.GetByIdAsync(call.TenantId, cancellationToken);
        return new ConversationSetup(
            call.Id,
            call.TenantId,
            call.AgentId,
            call.AgentVersion,
            StoredAgentConfig.Of(version),
            call.Direction,
            call.CampaignId,
            tenant?.MaxConcurrentCalls,
            IsCanary: false,
            CreatedNow: false,
            call.ExternalRef)
        {
            AllowedToolHosts = tenant?.AllowedToolHosts ?? [],
        };
    }
}

using FluentValidation;
using Invorto.Application.Abstractions;
using Invorto.Application.Agents.Specifications;
using Invorto.Application.Calls;
using Invorto.Application.Calls.SpendCap;
using Invorto.Application.Common;
using Invorto.Application.Security;
using Invorto.Domain.Agents;
using Invorto.Domain.Calls;
using Invorto.Domain.Tenants;

namespace Invorto.Application.Conversations;

/// <summary>
/// Admits a <c>/realtime/voice</c> session (spec §5.1). A browser token attaches to the call it names. The operations
/// key starts the built-in canary agent (nothing stored, nothing admitted) or joins any live call, but never starts a
/// tenant's agent. A tenant key (not read-only) attaches to a live call of its tenant named by <c>callId</c>, or else starts
/// a new web call of one of its agents: the tenant guard and a concurrency slot first, then the row, as for outbound calls.
/// </summary>
public sealed class OpenWebSessionHandler(
    IValidator<OpenWebSessionCommand> validator,
    LoadCallConversationHandler existingCalls,
    IReadRepository<Tenant> tenants,
    IReadRepository<Agent> agents,
    IRepository<Call> calls,
    CallAdmission admission,
    SpendCapGuard spendCap,
    IIdGenerator ids,
    CanarySettings canary,
    TimeProvider clock)
{
    public async Task<Result<ConversationSetup>> HandleAsync(OpenWebSessionCommand command, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(command, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var credential = command.Credential;
        var setup = credential.Kind switch
        {
            RealtimeCredentialKind.Token => await AttachWithTokenAsync(credential, cancellationToken),
            RealtimeCredentialKind.OperationsKey => await OpenForOperationsAsync(command, cancellationToken),
            RealtimeCredentialKind.TenantApiKey => await OpenForTenantAsync(command, cancellationToken),
            _ => Error.Forbidden("Unknown realtime credential."),
        };
        return setup.IsSuccess && command.Locale is { } locale
            ? setup.Value with { Config = setup.Value.Config with { Locale = locale } }
            : setup;
    }

    private async Task<Result<ConversationSetup>> AttachWithTokenAsync(RealtimeCredential credential, CancellationToken cancellationToken) =>
        credential is { TenantId: { } tenantId, TokenCallId: { } callId }
            ? await existingCalls.HandleAsync(callId, tenantId, cancellationToken)
            : Error.NotFound("The token's call");

    private async Task<Result<ConversationSetup>> OpenForOperationsAsync(OpenWebSessionCommand command, CancellationToken cancellationToken)
    {
        if (CanaryAgent.IsNamedBy(command.AgentId))
        {
            return new ConversationSetup(
                ids.NewId(),
                CanaryAgent.SystemTenantId,
                CanaryAgent.AgentId,
                CanaryAgent.Version,
                canary.Config,
                CallDirection.Web,
                CampaignId: null,
                TenantConcurrencyLimit: null,
                IsCanary: true,
                CreatedNow: true,
                command.RequestedCallId);
        }

        return Guid.TryParse(command.RequestedCallId, out var callId)
            ? await existingCalls.HandleAsync(callId, expectedTenantId: null, cancellationToken)
            : Error.NotFound("The agent (the operations key starts only the canary agent or joins an existing call)");
    }

    private async Task<Result<ConversationSetup>> OpenForTenantAsync(OpenWebSessionCommand command, CancellationToken cancellationToken)
    {
        var credential = command.Credential;
        if (credential is not { TenantId: { } tenantId, Role: { } role })
        {
            return Error.Forbidden("The key names no tenant.");
        }

        if (!RolePolicy.Allows(role, Permission.Operate))
        {
            return Error.Forbidden("The key's role is read-only; it cannot start or join calls.");
        }

        if (Guid.TryParse(command.RequestedCallId, out var requestedId))
        {
            var existing = await existingCalls.HandleAsync(requestedId, tenantId, cancellationToken);
            if (existing.IsSuccess)
            {
                return existing;
            }
        }

        return await StartWebCallAsync(tenantId, command, cancellationToken);
    }

    private async Task<Result<ConversationSetup>> StartWebCallAsync(Guid tenantId, OpenWebSessionCommand command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(command.AgentId))
        {
            return Error.Validation(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["agentId"] = ["is required to start a call"] });
        }

        if (!Guid.TryParse(command.AgentId, out var agentId))
        {
            return Error.NotFound("The agent");
        }

        var tenant = await tenants.GetByIdAsync(tenantId, cancellationToken);
        var agent = tenant is null ? null : await agents.SingleOrDefaultAsync(new AgentByIdSpec(tenantId, agentId), cancellationToken);
        var version = agent is null || agent.IsArchived ? null : agent.FindVersion(agent.CurrentVersion);
        if (tenant is null || agent is null || version is null)
        {
            return Error.NotFound("The agent");
        }

        if (await spendCap.CheckAsync(tenant, cancellationToken) is { } overCap)
        {
            return overCap;
        }

        var config = StoredAgentConfig.Of(version);
        var callId = ids.NewId();
        var admitted = await admission.AdmitAsync(tenant, callId, null, cancellationToken);
        if (!admitted.IsAdmitted)
        {
            return admitted.ToError();
        }

        var call = Call.StartWeb(callId, tenant.Id, agent.Id, version.Version, command.RequestedCallId ?? string.Empty, clock.GetUtcNow());
        try
        {
            await calls.AddAsync(call, cancellationToken);
        }
        catch
        {
            await admission.ReleaseAsync(callId, admitted.Scopes);
            throw;
        }

        return new ConversationSetup(
            call.Id,
            tenant.Id,
            agent.Id,
            version.Version,
            config,
            CallDirection.Web,
            CampaignId: null,
            tenant.MaxConcurrentCalls,
            IsCanary: false,
            CreatedNow: true,
            command.RequestedCallId)
        {
            AllowedToolHosts = tenant.AllowedToolHosts,
        };
    }
}

using FluentValidation;
using Invorto.Application.Abstractions;
using Invorto.Application.Agents.Specifications;
using Invorto.Application.Calls.SpendCap;
using Invorto.Application.Common;
using Invorto.Application.Numbers.Specifications;
using Invorto.Application.Telephony;
using Invorto.Domain.Agents;
using Invorto.Domain.Calls;
using Invorto.Domain.Telephony;
using Invorto.Domain.Tenants;

namespace Invorto.Application.Calls.StartOutboundCall;

/// <summary>
/// Places an outbound call (spec §4, §6, §7): the tenant's daily spend cap, then the active-call guard, then a slot in every concurrency
/// scope (all or none), then the provider. Every cap answers 429, an unreachable limiter or provider 503; a slot
/// is never kept for a call that was not dialled.
/// </summary>
public sealed class StartOutboundCallHandler(
    IValidator<StartOutboundCallCommand> validator,
    IReadRepository<Tenant> tenants,
    IReadRepository<Agent> agents,
    IRepository<Call> calls,
    IReadRepository<PhoneNumberRoute> numbers,
    CallAdmission admission,
    SpendCapGuard spendCap,
    TelephonyProviders providers,
    CallAdmissionLimits limits,
    IIdGenerator ids,
    TimeProvider clock)
{
    public async Task<Result<OutboundCallStarted>> HandleAsync(StartOutboundCallCommand command, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(command, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        // The provider: the request's, else the one the caller id is registered with, else the default.
        var from = PhoneNumber.Parse(command.From!);
        var callerIdRoute = command.Provider is null ? await numbers.SingleOrDefaultAsync(new PhoneNumberRouteByNumberSpec(from), cancellationToken) : null;
        var providerName = command.Provider ?? (callerIdRoute?.TenantId == command.TenantId ? callerIdRoute.Provider.ToString().ToLowerInvariant() : null);
        var provider = providers.Find(providerName);
        if (provider is null)
        {
            return Error.ProviderUnavailable($"The telephony provider '{providerName}' is not available.");
        }

        var tenant = await tenants.GetByIdAsync(command.TenantId, cancellationToken);
        var agent = await agents.SingleOrDefaultAsync(new AgentByIdSpec(command.TenantId, command.AgentId!.Value), cancellationToken);
        if (tenant is null || agent is null)
        {
            return Error.NotFound("The agent");
        }

        if (agent.IsArchived)
        {
            return Error.Conflict("The agent is archived; archived agents take no new calls.");
        }

        if (await spendCap.CheckAsync(tenant, cancellationToken) is { } overCap)
        {
            return overCap;
        }

        var callId = ids.NewId();
        var admitted = await admission.AdmitAsync(tenant, callId, command.CampaignId, cancellationToken);
        if (!admitted.IsAdmitted)
        {
            return admitted.ToError();
        }

        var to = PhoneNumber.Parse(command.To!);
        var call = Call.PlaceOutbound(callId, tenant.Id, agent.Id, agent.CurrentVersion, from.Value, to.Value, provider.Name, command.CampaignId, clock.GetUtcNow());
        if (command.Metadata is { ValueKind: System.Text.Json.JsonValueKind.Object } metadata)
        {
            call.AttachMetadata(CallMetadata.Serialize(metadata));
        }

        try
        {
            await calls.AddAsync(call, cancellationToken);
        }
        catch
        {
            await admission.ReleaseAsync(callId, admitted.Scopes);
            throw;
        }

        var placed = await provider.PlaceCallAsync(new PlaceCallRequest(call.Id, tenant.Id, command.CampaignId, from, to, limits.RingTimeout), cancellationToken);
        if (!placed.IsSuccess)
        {
            // Ending the call raises CallEnded, whose handlers release the slot as the save dispatches it.
            call.ApplyStatus(CallStatus.Failed, clock.GetUtcNow(), CallEndReasons.ProviderUnavailable);
            await calls.UpdateAsync(call, CancellationToken.None);
            return placed.Error;
        }

        call.AttachProviderCall(placed.Value);
        await calls.UpdateAsync(call, cancellationToken);
        return new OutboundCallStarted(call.Id, call.Status.ToName());
    }
}

using System.Text.Json;
using Invorto.Application.Abstractions;
using Invorto.Application.Agents.Specifications;
using Invorto.Application.Calls;
using Invorto.Application.Calls.SpendCap;
using Invorto.Application.Numbers.Specifications;
using Invorto.Domain.Agents;
using Invorto.Domain.Calls;
using Invorto.Domain.Telephony;
using Invorto.Domain.Tenants;

namespace Invorto.Application.Telephony.ConnectCall;

/// <summary>
/// Decides where a provider's call goes. Outbound calls we placed connect to their agent at the version the call
/// was created with. Inbound calls are routed by the dialled number to its tenant's agent, after the same admission
/// as outbound calls (tenant guard, then a concurrency slot); an unknown number or a full house is politely refused.
/// </summary>
public sealed class ConnectCallHandler(
    IRepository<Call> calls,
    IReadRepository<Agent> agents,
    IReadRepository<PhoneNumberRoute> numbers,
    IReadRepository<Tenant> tenants,
    CallAdmission admission,
    SpendCapGuard spendCap,
    IIdGenerator ids,
    TimeProvider clock)
{
    public async Task<CallConnection> HandleAsync(ConnectCallCommand command, CancellationToken cancellationToken) =>
        command.InvortoCallId is { } callId
            ? await ConnectPlacedCallAsync(command, callId, cancellationToken)
            : await ConnectInboundCallAsync(command, cancellationToken);

    private async Task<CallConnection> ConnectPlacedCallAsync(ConnectCallCommand command, Guid callId, CancellationToken cancellationToken)
    {
        var call = await calls.GetByIdAsync(callId, cancellationToken);
        if (call is null || call.Provider != command.Provider || call.Status.IsTerminal())
        {
            return CallConnection.NotInService;
        }

        if (call.ProviderCallId is null)
        {
            call.AttachProviderCall(command.ProviderCallId);
        }
        else if (call.ProviderCallId != command.ProviderCallId)
        {
            return CallConnection.NotInService;
        }

        call.Record(clock.GetUtcNow(), "call.hook", JsonSerializer.Serialize(new { provider = command.Provider, direction = command.Direction }));
        await calls.UpdateAsync(call, cancellationToken);
        return await ConnectionForAsync(call, cancellationToken);
    }

    private async Task<CallConnection> ConnectInboundCallAsync(ConnectCallCommand command, CancellationToken cancellationToken)
    {
        if (!PhoneNumber.TryParse(command.To, out var dialled) || string.IsNullOrWhiteSpace(command.ProviderCallId))
        {
            return CallConnection.NotInService;
        }

        var existing = await calls.SingleOrDefaultAsync(new Specifications.CallByProviderCallIdSpec(command.Provider, command.ProviderCallId), cancellationToken);
        if (existing is not null)
        {
            // The provider asked again for the same call (a retried hook): answer the same way, admit nothing twice.
            return existing.Status.IsTerminal() ? CallConnection.NotInService : await ConnectionForAsync(existing, cancellationToken);
        }

        var route = await numbers.SingleOrDefaultAsync(new PhoneNumberRouteByNumberSpec(dialled), cancellationToken);
        var tenant = route is null ? null : await tenants.GetByIdAsync(route.TenantId, cancellationToken);
        var agent = route is null ? null : await agents.SingleOrDefaultAsync(new AgentByIdSpec(route.TenantId, route.AgentId), cancellationToken);
        if (route is null || tenant is null || agent is null || agent.IsArchived)
        {
            return CallConnection.NotInService;
        }

        var now = clock.GetUtcNow();
        var from = PhoneNumber.TryParse(command.From, out var caller) ? caller.Value : command.From.Length > 64 ? command.From[..64] : command.From;
        var call = Call.ReceiveInbound(ids.NewId(), tenant.Id, agent.Id, agent.CurrentVersion, from, dialled.Value, command.Provider, command.ProviderCallId, answered: false, now);

        if (await spendCap.CheckAsync(tenant, cancellationToken) is not null)
        {
            call.ApplyStatus(CallStatus.Failed, now, CallEndReasons.SpendCap);
            call.Record(now, "call.rejected", JsonSerializer.Serialize(new { reason = CallEndReasons.SpendCap }));
            await calls.AddAsync(call, cancellationToken);
            return CallConnection.Busy;
        }

        var admitted = await admission.AdmitAsync(tenant, call.Id, null, cancellationToken);
        if (!admitted.IsAdmitted)
        {
            call.ApplyStatus(CallStatus.Failed, now, CallEndReasons.Concurrency);
            call.Record(now, "call.rejected", JsonSerializer.Serialize(new { reason = admitted.Outcome.ToString() }));
            await calls.AddAsync(call, cancellationToken);
            return CallConnection.Busy;
        }

        await calls.AddAsync(call, cancellationToken);
        return await ConnectionForAsync(call, cancellationToken);
    }

    private async Task<CallConnection> ConnectionForAsync(Call call, CancellationToken cancellationToken)
    {
        var agent = await agents.SingleOrDefaultAsync(new AgentByIdSpec(call.TenantId, call.AgentId), cancellationToken);
        var version = agent?.FindVersion(call.AgentVersion);
        return new CallConnection(call.Id, call.TenantId, call.AgentId, call.AgentVersion, version is null ? null : ConsentPromptOf(version.ConfigJson));
    }

    private static string? ConsentPromptOf(string configJson)
    {
        using var config = JsonDocument.Parse(configJson);
        return config.RootElement.TryGetProperty("consentPrompt", out var prompt) && prompt.ValueKind == JsonValueKind.String
            ? prompt.GetString()
            : null;
    }
}

using System.Text.Json;
using Invorto.Application.Abstractions;
using Invorto.Application.Agents.Specifications;
using Invorto.Domain.Agents;
using Invorto.Domain.Calls;

namespace Invorto.Application.Telephony.ConnectCall;

/// <summary>
/// Decides where a provider's call goes. Outbound calls we placed connect to their agent at the version the
/// call was created with. Inbound routing by number arrives with the numbers API; until then an unknown
/// inbound call hears the not-in-service message.
/// </summary>
public sealed class ConnectCallHandler(IRepository<Call> calls, IReadRepository<Agent> agents, TimeProvider clock)
{
    public async Task<CallConnection> HandleAsync(ConnectCallCommand command, CancellationToken cancellationToken)
    {
        if (command.InvortoCallId is not { } callId)
        {
            return CallConnection.NotInService;
        }

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

using System.Text.Json;
using System.Text.Json.Nodes;
using Invorto.Application.Abstractions;
using Invorto.Application.Calls.HangUpCall;
using Invorto.Application.Conversations.Engine;
using Invorto.Application.Conversations.Transport;
using Invorto.Domain.Calls;

namespace Invorto.Application.Conversations;

/// <summary>
/// What the end of a media session means for its call. The session's KPI summary goes into the call's usage
/// (<c>usage.kpis</c>). A web call ends with its socket: completed (failed when the session failed), slot released.
/// A phone call the agent ends (silence, duration, goodbye) is hung up at the provider, whose status hook then ends it;
/// a phone call whose far end went away is left to that status hook.
/// </summary>
public sealed class EndConversationHandler(IRepository<Call> calls, HangUpCallHandler hangUp, TimeProvider clock)
{
    private const int Attempts = 3;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task HandleAsync(ConversationSetup setup, string reason, ConversationKpis? kpis, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (setup.IsCanary)
        {
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            var call = await calls.GetByIdAsync(setup.CallId, cancellationToken);
            if (call is null)
            {
                return;
            }

            if (kpis is not null)
            {
                call.RecordUsage(WithKpis(call.UsageJson, kpis));
            }

            var ends = setup.Direction == CallDirection.Web && !call.Status.IsTerminal();
            if (ends)
            {
                call.ApplyStatus(reason is ConversationEndReasons.Error or ConversationEndReasons.ProviderUnavailable ? CallStatus.Failed : CallStatus.Completed, clock.GetUtcNow(), reason);
            }

            try
            {
                await calls.UpdateAsync(call, cancellationToken);
                break;
            }
            catch (ConcurrentUpdateException) when (attempt < Attempts)
            {
                // A status hook changed the call meanwhile: read it again.
            }
        }

        if (setup.Direction != CallDirection.Web && reason is not ConversationEndReasons.Hangup)
        {
            await hangUp.HandleAsync(new HangUpCallCommand(setup.TenantId, setup.CallId), cancellationToken);
        }
    }

    private static string WithKpis(string? usageJson, ConversationKpis kpis)
    {
        var usage = (usageJson is null ? null : JsonNode.Parse(usageJson) as JsonObject) ?? [];
        usage["kpis"] = JsonSerializer.SerializeToNode(kpis, Json);
        return usage.ToJsonString();
    }
}

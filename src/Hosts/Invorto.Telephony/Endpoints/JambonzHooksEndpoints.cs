using System.Text.Json;
using System.Text.Json.Nodes;
using Invorto.Application.Telephony;
using Invorto.Application.Telephony.ApplyCallStatus;
using Invorto.Application.Telephony.ConnectCall;
using Invorto.Domain.Telephony;
using Invorto.Infrastructure.Configuration;
using Invorto.Infrastructure.Realtime;
using Invorto.Infrastructure.Telephony.Jambonz;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Invorto.Telephony.Endpoints;

/// <summary>Jambonz's webhooks (spec §6): call_hook, call_status_hook, the listen verb's actionHook and our transfer redirect.</summary>
public static class JambonzHooksEndpoints
{
    public const string ListenEndedPath = "/telephony/jambonz/listen-ended";

    public static IEndpointRouteBuilder MapJambonzHooks(this IEndpointRouteBuilder endpoints)
    {
        var hooks = endpoints.MapGroup("/telephony/jambonz")
            .WithTags("Jambonz hooks")
            .AddEndpointFilter<JambonzSignatureFilter>();

        hooks.MapPost("/call", CallHookAsync).WithName("JambonzCallHook");
        hooks.MapPost("/status", StatusHookAsync).WithName("JambonzStatusHook");
        hooks.MapPost("/listen-ended", () => Verbs(JambonzVerbs.HangUp())).WithName("JambonzListenEnded");
        hooks.MapPost("/transfer", Transfer).WithName("JambonzTransferHook");
        return endpoints;
    }

    public static async Task<Results<ContentHttpResult, BadRequest>> CallHookAsync(
        HttpContext context,
        ConnectCallHandler handler,
        ListenToken tokens,
        IOptions<PublicUrlsOptions> urls,
        CancellationToken cancellationToken)
    {
        if (!TryParse(RawBody.Of(context), out var hook) || Text(hook, "call_sid") is not { } callSid)
        {
            return TypedResults.BadRequest();
        }

        var connection = await handler.HandleAsync(
            new ConnectCallCommand(JambonzTelephonyProvider.ProviderName, callSid, InvortoCallId(hook), Text(hook, "from") ?? string.Empty, Text(hook, "to") ?? string.Empty, Text(hook, "direction") ?? "inbound"),
            cancellationToken);
        if (!connection.Connects)
        {
            return Verbs(connection.AtCapacity ? JambonzVerbs.AllLinesBusy() : JambonzVerbs.NotInService());
        }

        var metadata = new JsonObject
        {
            ["invortoCallId"] = connection.CallId!.Value.ToString(),
            ["tenantId"] = connection.TenantId.ToString(),
            ["agentId"] = connection.AgentId.ToString(),
            ["token"] = tokens.Mint(connection.CallId.Value, connection.TenantId, connection.AgentId),
        };
        return Verbs(JambonzVerbs.ConnectToAgent(StreamUrl(urls.Value, "/realtime/jambonz"), metadata, connection.ConsentPrompt, ListenEndedPath));
    }

    public static async Task<Ok> StatusHookAsync(HttpContext context, ApplyCallStatusHandler handler, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        // A correctly signed status hook always gets 200: an error would only make Jambonz retry (spec §6).
        var status = TryDeserialize(RawBody.Of(context));
        if (status?.CallSid is { Length: > 0 } callSid)
        {
            var applied = await handler.HandleAsync(
                new CallStatusReport(JambonzTelephonyProvider.ProviderName, callSid, JambonzStatusMap.ToCallStatus(status.CallStatus), status.CallStatus ?? string.Empty, status.SipStatus, status.SipReason, status.Duration, status.TrunkName),
                cancellationToken);
            if (applied.CallId is null)
            {
                loggers.CreateLogger(typeof(JambonzHooksEndpoints)).LogInformation("Status {Status} for unknown Jambonz call {CallSid}", status.CallStatus, callSid);
            }
        }

        return TypedResults.Ok();
    }

    public static Results<ContentHttpResult, BadRequest> Transfer(string? to, string? mode) =>
        PhoneNumber.TryParse(to, out var target)
            ? Verbs(JambonzVerbs.Dial(target.Value, attended: string.Equals(mode, "attended", StringComparison.OrdinalIgnoreCase)))
            : TypedResults.BadRequest();

    /// <summary>Stream URLs are built from the origin of REALTIME_WS_URL (spec §6).</summary>
    public static Uri StreamUrl(PublicUrlsOptions urls, string path) =>
        new(new Uri(urls.RealtimeWsUrl).GetLeftPart(UriPartial.Authority) + path);

    private static ContentHttpResult Verbs(JsonArray verbs) =>
        TypedResults.Content(verbs.ToJsonString(), "application/json");

    private static Guid? InvortoCallId(JsonObject hook) =>
        hook["customerData"] is JsonObject customerData
        && customerData["invortoCallId"]?.GetValueKind() == JsonValueKind.String
        && Guid.TryParse(customerData["invortoCallId"]!.GetValue<string>(), out var callId)
            ? callId
            : null;

    private static string? Text(JsonObject hook, string name) =>
        hook[name]?.GetValueKind() == JsonValueKind.String ? hook[name]!.GetValue<string>() : null;

    private static bool TryParse(byte[] body, out JsonObject hook)
    {
        try
        {
            hook = JsonNode.Parse(body) as JsonObject ?? [];
            return hook.Count > 0;
        }
        catch (JsonException)
        {
            hook = [];
            return false;
        }
    }

    private static JambonzStatusHook? TryDeserialize(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize<JambonzStatusHook>(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

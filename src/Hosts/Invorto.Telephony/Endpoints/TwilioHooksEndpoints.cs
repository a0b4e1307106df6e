using Invorto.Application.Common;
using Invorto.Application.Telephony;
using Invorto.Application.Telephony.ApplyCallStatus;
using Invorto.Application.Telephony.ConnectCall;
using Invorto.Hosting.Errors;
using Invorto.Infrastructure.Configuration;
using Invorto.Infrastructure.Realtime;
using Invorto.Infrastructure.Telephony;
using Invorto.Infrastructure.Telephony.Twilio;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Invorto.Telephony.Endpoints;

/// <summary>
/// Twilio's voice and status callbacks (form-encoded), verified with <c>X-Twilio-Signature</c> when an auth token is configured.
/// The answer's <c>&lt;Stream&gt;</c> carries our ids and a <see cref="ListenToken"/>, so <c>/realtime/twilio</c> can verify the
/// <c>start</c> event's <c>customParameters</c> exactly like the Jambonz listen metadata.
/// </summary>
public static class TwilioHooksEndpoints
{
    public static IEndpointRouteBuilder MapTwilioHooks(this IEndpointRouteBuilder endpoints)
    {
        var hooks = endpoints.MapGroup("/telephony/twilio").WithTags("Twilio hooks").DisableAntiforgery();
        hooks.MapPost("/voice", VoiceAsync).WithName("TwilioVoiceHook");
        hooks.MapPost("/status", StatusAsync).WithName("TwilioStatusHook");
        return endpoints;
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> VoiceAsync(
        HttpContext context,
        ConnectCallHandler handler,
        ListenToken tokens,
        IOptions<TwilioOptions> twilio,
        IOptions<PublicUrlsOptions> urls,
        CancellationToken cancellationToken)
    {
        var (form, refusal) = await ReadVerifiedFormAsync(context, twilio.Value, urls.Value);
        if (form is null)
        {
            return refusal!;
        }

        var invortoCallId = Guid.TryParse(context.Request.Query["invortoCallId"], out var id) ? id : (Guid?)null;
        var connection = await handler.HandleAsync(
            new ConnectCallCommand(TwilioTelephonyProvider.ProviderName, form.GetValueOrDefault("CallSid") ?? string.Empty, invortoCallId, form.GetValueOrDefault("From") ?? string.Empty, form.GetValueOrDefault("To") ?? string.Empty, form.GetValueOrDefault("Direction") ?? "inbound"),
            cancellationToken);

        var twiml = connection.Connects
            ? TwilioTwiml.ConnectStream(
                JambonzHooksEndpoints.StreamUrl(urls.Value, "/realtime/twilio"),
                new Dictionary<string, string>
                {
                    ["invortoCallId"] = connection.CallId!.Value.ToString(),
                    ["tenantId"] = connection.TenantId.ToString(),
                    ["agentId"] = connection.AgentId.ToString(),
                    ["token"] = tokens.Mint(connection.CallId.Value, connection.TenantId, connection.AgentId),
                },
                connection.ConsentPrompt)
            : connection.AtCapacity ? TwilioTwiml.AllLinesBusy() : TwilioTwiml.NotInService();
        return TypedResults.Content(twiml, "text/xml");
    }

    public static async Task<Results<Ok, ProblemHttpResult>> StatusAsync(
        HttpContext context,
        ApplyCallStatusHandler handler,
        IOptions<TwilioOptions> twilio,
        IOptions<PublicUrlsOptions> urls,
        CancellationToken cancellationToken)
    {
        var (form, refusal) = await ReadVerifiedFormAsync(context, twilio.Value, urls.Value);
        if (form is null)
        {
            return refusal!;
        }

        if (form.GetValueOrDefault("CallSid") is { Length: > 0 } callSid)
        {
            var raw = form.GetValueOrDefault("CallStatus") ?? string.Empty;
            await handler.HandleAsync(
                new CallStatusReport(TwilioTelephonyProvider.ProviderName, callSid, TwilioStatusMap.ToCallStatus(raw), raw, int.TryParse(form.GetValueOrDefault("SipResponseCode"), out var sip) ? sip : null, null, int.TryParse(form.GetValueOrDefault("CallDuration"), out var duration) ? duration : null),
                cancellationToken);
        }

        return TypedResults.Ok();
    }

    private static async Task<(Dictionary<string, string>? Form, ProblemHttpResult? Refusal)> ReadVerifiedFormAsync(HttpContext context, TwilioOptions twilio, PublicUrlsOptions urls)
    {
        if (!context.Request.HasFormContentType)
        {
            return (null, new Error(ErrorCodes.UnsupportedMediaType, "Twilio hooks are application/x-www-form-urlencoded.").ToProblem());
        }

        var form = (await context.Request.ReadFormAsync(context.RequestAborted)).ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.Ordinal);
        if (string.IsNullOrEmpty(twilio.AuthToken))
        {
            return (form, null);
        }

        // Twilio signs the URL it called: our public telephony base plus the path below /telephony and the query.
        var below = context.Request.Path.Value!["/telephony".Length..];
        var url = urls.TelephonyWebhookBaseUrl.TrimEnd('/') + below + context.Request.QueryString.Value;
        var check = TwilioSignature.Verify(twilio.AuthToken, context.Request.Headers[TwilioSignature.HeaderName], url, form);
        return check == SignatureCheck.Valid
            ? (form, null)
            : (null, new Error(ErrorCodes.InvalidApiKey, "The X-Twilio-Signature header is missing or does not match.").ToProblem());
    }
}

using Invorto.Application.Common;
using Invorto.Hosting.Errors;
using Invorto.Infrastructure.Configuration;
using Invorto.Infrastructure.Telephony;
using Invorto.Infrastructure.Telephony.Jambonz;
using Microsoft.Extensions.Options;

namespace Invorto.Telephony.Endpoints;

/// <summary>With <c>JAMBONZ_WEBHOOK_SECRET</c> set, every Jambonz hook must carry a fresh, valid signature of its raw body (spec §6).</summary>
public sealed partial class JambonzSignatureFilter(IOptions<JambonzOptions> jambonz, TimeProvider clock, ILogger<JambonzSignatureFilter> logger) : IEndpointFilter
{
    public const int MaxBodyBytes = 64 * 1024;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var body = await RawBody.ReadAsync(http.Request, MaxBodyBytes, http.RequestAborted);
        if (body is null)
        {
            return new Error(ErrorCodes.PayloadTooLarge, "Hook bodies are at most 64 KB.").ToProblem();
        }

        http.Items[RawBody.ItemKey] = body;
        var secret = jambonz.Value.WebhookSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return await next(context);
        }

        var check = JambonzSignature.Verify(secret, http.Request.Headers[JambonzSignature.HeaderName], body, clock.GetUtcNow());
        if (check != SignatureCheck.Valid)
        {
            LogRefused(logger, http.Request.Path, check);
            return new Error(ErrorCodes.InvalidApiKey, "The Jambonz-Signature header is missing, stale or does not match.").ToProblem();
        }

        return await next(context);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused Jambonz hook {Path}: signature {Check}")]
    private static partial void LogRefused(ILogger logger, PathString path, SignatureCheck check);
}

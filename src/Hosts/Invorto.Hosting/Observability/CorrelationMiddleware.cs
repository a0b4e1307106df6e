using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Serilog.Context;

namespace Invorto.Hosting.Observability;

/// <summary>Gives every request a correlation id (the caller's <c>X-Request-Id</c> when sane, else the trace id), echoes it and stamps the logs.</summary>
internal sealed class CorrelationMiddleware(RequestDelegate next)
{
    public const string Header = "X-Request-Id";
    private const int MaxLength = 128;

    public async Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[Header].ToString();
        var correlationId = IsSane(incoming) ? incoming : Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        context.TraceIdentifier = correlationId;
        context.Response.Headers[Header] = correlationId;

        using (LogContext.PushProperty("CorrelationId", correlationId))
        {
            await next(context);
        }
    }

    private static bool IsSane(string value) =>
        value.Length is > 0 and <= MaxLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}

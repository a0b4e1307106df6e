using Invorto.Application.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Invorto.Hosting.Errors;

/// <summary>Bad input that ASP.NET rejects before our code (unreadable JSON, oversized body) becomes a 4xx with its code; anything else is a logged 500 that reveals nothing.</summary>
internal sealed partial class UnhandledExceptionHandler(IProblemDetailsService problems, ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, detail) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge, "The request body is larger than allowed."),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } => (StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType, "The request body must be application/json."),
            BadHttpRequestException bad => (bad.StatusCode, ErrorStatus.CodeFor(bad.StatusCode), "The request could not be read: " + bad.Message),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, ErrorCodes.BadRequest, "The client went away."),
            _ => (StatusCodes.Status500InternalServerError, ErrorCodes.Internal, "Something went wrong on our side. The trace id identifies it."),
        };

        if (status >= StatusCodes.Status500InternalServerError)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = code,
                Detail = detail,
                Extensions = { ["code"] = code },
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}

using System.Security.Cryptography;
using System.Text;
using Invorto.Application.Abstractions.Idempotency;
using Invorto.Application.Common;
using Invorto.Hosting.Authentication;
using Invorto.Hosting.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Hosting.Idempotency;

/// <summary>
/// Makes a POST with an <c>Idempotency-Key</c> run once per tenant and key (spec §4, architecture #17): the first request
/// reserves the key, runs, and stores its 2xx response; a retry with the same request replays that response; the same
/// key with a different request, or while the first still runs, is a conflict. Failures release the key.
/// </summary>
internal sealed class IdempotencyFilter : IEndpointFilter
{
    private const int MaxKeyLength = 255;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.Headers.TryGetValue(IdempotencyHeaders.Key, out var values))
        {
            return await next(context);
        }

        var key = values.ToString();
        if (!IsValidKey(key))
        {
            return Error.Validation(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                [IdempotencyHeaders.Key] = [$"must be 1 to {MaxKeyLength} printable ASCII characters"],
            }).ToProblem();
        }

        if (http.User.TryGetCaller() is not { } caller)
        {
            return await next(context);
        }

        var cancellationToken = http.RequestAborted;
        var store = http.RequestServices.GetRequiredService<IIdempotencyStore>();
        var reservation = await store.ReserveAsync(caller.TenantId, key, await RequestHashAsync(http.Request, cancellationToken), cancellationToken);
        switch (reservation.Outcome)
        {
            case IdempotencyOutcome.Mismatch:
                return Error.Conflict($"The {IdempotencyHeaders.Key} was already used with a different request body; use a new key for a new request.").ToProblem();
            case IdempotencyOutcome.InProgress:
                return Error.Conflict($"A request with this {IdempotencyHeaders.Key} is in progress; retry after it completes.").ToProblem();
            case IdempotencyOutcome.Replay:
                http.Response.Headers[IdempotencyHeaders.Replayed] = "true";
                return new StoredResponse(reservation.Status!.Value, reservation.Body ?? string.Empty);
            default:
                return await RunAndRecordAsync(context, next, store, caller.TenantId, key);
        }
    }

    private static async Task<object?> RunAndRecordAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, IIdempotencyStore store, Guid tenantId, string key)
    {
        var http = context.HttpContext;
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        try
        {
            var result = await next(context);

            // The response is written here, into a buffer, so the exact body can be stored before it leaves.
            http.Response.Body = buffer;
            try
            {
                await ExecuteAsync(result, http);
            }
            finally
            {
                http.Response.Body = original;
            }
        }
        catch
        {
            await store.ReleaseAsync(tenantId, key, CancellationToken.None);
            throw;
        }

        var status = http.Response.StatusCode;
        if (status is >= 200 and < 300)
        {
            await store.CompleteAsync(tenantId, key, status, Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), CancellationToken.None);
        }
        else
        {
            await store.ReleaseAsync(tenantId, key, CancellationToken.None);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
        return Results.Empty;
    }

    private static Task ExecuteAsync(object? result, HttpContext http) => result switch
    {
        IResult typed => typed.ExecuteAsync(http),
        null => Task.CompletedTask,
        string text => Results.Text(text).ExecuteAsync(http),
        _ => Results.Json(result).ExecuteAsync(http),
    };

    private static bool IsValidKey(string key) =>
        key.Length is > 0 and <= MaxKeyLength && key.All(c => c is >= '!' and <= '~' or ' ');

    /// <summary>SHA-256 of method, path and raw body; the body was buffered by <see cref="IdempotencySetup.UseInvortoIdempotency"/>.</summary>
    private static async Task<string> RequestHashAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.Body.CanSeek)
        {
            throw new InvalidOperationException("Idempotent endpoints need UseInvortoIdempotency() before them to buffer the request body.");
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.PathBase}{request.Path}\n"));
        request.Body.Position = 0;
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            hash.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private sealed class StoredResponse(int status, string body) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            if (body.Length > 0)
            {
                httpContext.Response.ContentType = "application/json; charset=utf-8";
                await httpContext.Response.WriteAsync(body, httpContext.RequestAborted);
            }
        }
    }
}

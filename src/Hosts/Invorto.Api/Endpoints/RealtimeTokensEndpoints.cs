using System.Security.Claims;
using Invorto.Application.Abstractions;
using Invorto.Application.Calls.Specifications;
using Invorto.Application.Common;
using Invorto.Domain.Calls;
using Invorto.Hosting.Authentication;
using Invorto.Hosting.Errors;
using Invorto.Infrastructure.Configuration;
using Invorto.Infrastructure.Realtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Invorto.Api.Endpoints;

/// <summary>
/// <c>POST /v1/realtime/tokens</c>: a short-lived browser token for <c>/realtime/voice?token=</c> (spec §5.1), for a live
/// call of the caller's tenant. Not behind the idempotency filter on purpose: a replay store would keep bearer tokens.
/// </summary>
public static class RealtimeTokensEndpoints
{
    public static IEndpointRouteBuilder MapRealtimeTokensApiV1(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/v1/realtime/tokens")
            .WithTags("Realtime")
            .RequireAuthorization(AuthorizationPolicies.Operate)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .MapPost("/", CreateTokenAsync)
            .WithName("CreateRealtimeToken")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    public static async Task<Results<Created<RealtimeTokenResponse>, ProblemHttpResult>> CreateTokenAsync(
        CreateRealtimeTokenRequest request,
        ClaimsPrincipal user,
        IReadRepository<Call> calls,
        RealtimeTokenIssuer issuer,
        IOptions<PublicUrlsOptions> urls,
        CancellationToken cancellationToken)
    {
        if (request.CallId is not { } callId || callId == Guid.Empty)
        {
            return Error.Validation(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["callId"] = ["is required"] }).ToProblem();
        }

        var tenantId = user.ToCaller().TenantId;
        var call = await calls.SingleOrDefaultAsync(new CallOfTenantSpec(tenantId, callId), cancellationToken);
        if (call is null || call.Status.IsTerminal())
        {
            return Error.NotFound("The call").ToProblem();
        }

        var token = issuer.Mint(tenantId, call.Id);
        var socketUrl = urls.Value.RealtimeWsUrl;
        var separator = socketUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return TypedResults.Created(
            (string?)null,
            new RealtimeTokenResponse(token.Value, token.ExpiresAt, $"{socketUrl}{separator}token={Uri.EscapeDataString(token.Value)}"));
    }

    /// <summary>The body of <c>POST /v1/realtime/tokens</c>: the live call the browser may attach to.</summary>
    public sealed record CreateRealtimeTokenRequest(Guid? CallId);

    /// <summary>The token, when it expires (at most 15 minutes), and the socket URL that carries it.</summary>
    public sealed record RealtimeTokenResponse(string Token, DateTimeOffset ExpiresAt, string Url);
}

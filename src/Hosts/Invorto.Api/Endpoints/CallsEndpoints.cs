using System.Security.Claims;
using Invorto.Application.Calls;
using Invorto.Application.Calls.GetCall;
using Invorto.Application.Calls.GetCallTimeline;
using Invorto.Application.Calls.ListCalls;
using Invorto.Application.Common;
using Invorto.Hosting.Authentication;
using Invorto.Hosting.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Invorto.Api.Endpoints;

public static class CallsEndpoints
{
    public static IEndpointRouteBuilder MapCallsApiV1(this IEndpointRouteBuilder endpoints)
    {
        var calls = endpoints.MapGroup("/v1/calls")
            .WithTags("Calls")
            .RequireAuthorization(AuthorizationPolicies.Read)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        calls.MapGet("/", ListCallsAsync)
            .WithName("ListCalls")
            .ProducesValidationProblem();

        calls.MapGet("/{id:guid}", GetCallAsync)
            .WithName("GetCall")
            .ProducesProblem(StatusCodes.Status404NotFound);

        calls.MapGet("/{id:guid}/timeline", GetCallTimelineAsync)
            .WithName("GetCallTimeline")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return endpoints;
    }

    public static async Task<Results<Ok<Page<CallSummaryDto>>, ProblemHttpResult>> ListCallsAsync(
        [AsParameters] ListCallsParameters parameters,
        ClaimsPrincipal user,
        ListCallsHandler handler,
        CancellationToken cancellationToken)
    {
        var query = new ListCallsQuery(
            user.ToCaller().TenantId,
            parameters.Status,
            parameters.Direction,
            parameters.AgentId,
            parameters.CampaignId,
            parameters.From,
            parameters.To,
            parameters.Limit,
            parameters.Cursor);
        var result = await handler.HandleAsync(query, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<Ok<CallDetailDto>, ProblemHttpResult>> GetCallAsync(
        Guid id,
        ClaimsPrincipal user,
        GetCallHandler handler,
        CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(new GetCallQuery(user.ToCaller().TenantId, id), cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<Ok<CallTimelineDto>, ProblemHttpResult>> GetCallTimelineAsync(
        Guid id,
        ClaimsPrincipal user,
        GetCallTimelineHandler handler,
        CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(new GetCallTimelineQuery(user.ToCaller().TenantId, id), cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    /// <summary>The query string of <c>GET /v1/calls</c>, bound as text so the validator names a malformed value.</summary>
    public sealed record ListCallsParameters(
        [FromQuery] string? Status,
        [FromQuery] string? Direction,
        [FromQuery] string? AgentId,
        [FromQuery] string? CampaignId,
        [FromQuery] string? From,
        [FromQuery] string? To,
        [FromQuery] int? Limit,
        [FromQuery] string? Cursor);
}

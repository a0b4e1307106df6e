using System.Security.Claims;
using Invorto.Application.Calls.GetMetrics;
using Invorto.Hosting.Authentication;
using Invorto.Hosting.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Invorto.Api.Endpoints;

public static class MetricsEndpoints
{
    public static IEndpointRouteBuilder MapMetricsApiV1(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1/metrics", GetMetricsAsync)
            .WithTags("Metrics")
            .WithName("GetMetrics")
            .RequireAuthorization(AuthorizationPolicies.Read)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesValidationProblem();

        return endpoints;
    }

    public static async Task<Results<Ok<MetricsDto>, ProblemHttpResult>> GetMetricsAsync(
        [FromQuery] string? from,
        [FromQuery] string? to,
        ClaimsPrincipal user,
        GetMetricsHandler handler,
        CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(new GetMetricsQuery(user.ToCaller().TenantId, from, to), cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }
}

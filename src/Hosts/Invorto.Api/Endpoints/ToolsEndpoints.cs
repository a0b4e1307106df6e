using System.Security.Claims;
using System.Text.Json;
using Invorto.Application.Tools.ValidateTool;
using Invorto.Hosting.Authentication;
using Invorto.Hosting.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Invorto.Api.Endpoints;

/// <summary><c>POST /v1/tools/validate</c>: a verdict on one tool definition before it goes into an agent (admin and dev keys).</summary>
public static class ToolsEndpoints
{
    public static IEndpointRouteBuilder MapToolsApiV1(this IEndpointRouteBuilder endpoints)
    {
        var tools = endpoints.MapGroup("/v1/tools")
            .WithTags("Tools")
            .RequireAuthorization(AuthorizationPolicies.Operate)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        tools.MapPost("/validate", ValidateToolAsync)
            .WithName("ValidateTool")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        return endpoints;
    }

    public static async Task<Results<Ok<ToolValidationDto>, ProblemHttpResult>> ValidateToolAsync(
        JsonElement tool,
        ClaimsPrincipal user,
        ValidateToolHandler handler,
        CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(new ValidateToolCommand(user.ToCaller().TenantId, tool), cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }
}

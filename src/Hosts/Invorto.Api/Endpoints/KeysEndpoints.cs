using System.Security.Claims;
using Invorto.Application.ApiKeys;
using Invorto.Application.ApiKeys.CreateApiKey;
using Invorto.Application.ApiKeys.ListApiKeys;
using Invorto.Application.ApiKeys.RevokeApiKey;
using Invorto.Application.Common;
using Invorto.Hosting.Authentication;
using Invorto.Hosting.Errors;
using Invorto.Hosting.Idempotency;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Invorto.Api.Endpoints;

public static class KeysEndpoints
{
    public static IEndpointRouteBuilder MapKeysApiV1(this IEndpointRouteBuilder endpoints)
    {
        var keys = endpoints.MapGroup("/v1/keys")
            .WithTags("Keys")
            .RequireAuthorization(AuthorizationPolicies.Administer)
            .WithIdempotency()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        keys.MapPost("/", CreateKeyAsync)
            .WithName("CreateKey")
            .ProducesValidationProblem();

        keys.MapGet("/", ListKeysAsync)
            .WithName("ListKeys");

        keys.MapDelete("/{id:guid}", RevokeKeyAsync)
            .WithName("RevokeKey")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return endpoints;
    }

    public static async Task<Results<Created<ApiKeyCreated>, ProblemHttpResult>> CreateKeyAsync(
        CreateKeyRequest request,
        ClaimsPrincipal user,
        CreateApiKeyHandler handler,
        CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(new CreateApiKeyCommand(user.ToCaller().TenantId, request.Name, request.Role), cancellationToken);
        return result.IsSuccess
            ? TypedResults.Created($"/v1/keys/{result.Value.Id}", result.Value)
            : result.Error.ToProblem();
    }

    public static async Task<Results<Ok<Page<ApiKeyDto>>, ProblemHttpResult>> ListKeysAsync(
        ClaimsPrincipal user,
        ListApiKeysHandler handler,
        CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(new ListApiKeysQuery(user.ToCaller().TenantId), cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeKeyAsync(
        Guid id,
        ClaimsPrincipal user,
        RevokeApiKeyHandler handler,
        CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(new RevokeApiKeyCommand(user.ToCaller().TenantId, id), cancellationToken);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error.ToProblem();
    }

    /// <summary>The body of <c>POST /v1/keys</c>: a label and one of admin, dev, analyst.</summary>
    public sealed record CreateKeyRequest(string? Name, string? Role);
}

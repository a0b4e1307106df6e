using System.Security.Claims;
using System.Text;
using Invorto.Application.Common;
using Invorto.Application.Secrets;
using Invorto.Application.Secrets.DeleteTenantSecret;
using Invorto.Application.Secrets.ListTenantSecrets;
using Invorto.Application.Secrets.PutTenantSecret;
using Invorto.Hosting.Authentication;
using Invorto.Hosting.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Invorto.Api.Endpoints;

/// <summary>
/// <c>/v1/secrets</c>: the tenant's named values for <c>${secrets.name}</c> in tools and for its own provider keys.
/// Admin keys only; a value goes in and never comes out (the listing shows names and times).
/// </summary>
public static class SecretsEndpoints
{
    public static IEndpointRouteBuilder MapSecretsApiV1(this IEndpointRouteBuilder endpoints)
    {
        var secrets = endpoints.MapGroup("/v1/secrets")
            .WithTags("Secrets")
            .RequireAuthorization(AuthorizationPolicies.Administer)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        secrets.MapGet("/", ListSecretsAsync)
            .WithName("ListSecrets");

        secrets.MapPut("/{name}", PutSecretAsync)
            .WithName("PutSecret")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        secrets.MapDelete("/{name}", DeleteSecretAsync)
            .WithName("DeleteSecret")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return endpoints;
    }

    public static async Task<Results<Ok<Page<TenantSecretDto>>, ProblemHttpResult>> ListSecretsAsync(
        ClaimsPrincipal user,
        ListTenantSecretsHandler handler,
        CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(new ListTenantSecretsQuery(user.ToCaller().TenantId), cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> PutSecretAsync(
        string name,
        PutSecretRequest request,
        ClaimsPrincipal user,
        PutTenantSecretHandler handler,
        CancellationToken cancellationToken)
    {
        var caller = user.ToCaller();
        var result = await handler.HandleAsync(new PutTenantSecretCommand(caller.TenantId, caller.ApiKeyId, name, request.Value), cancellationToken);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error.ToProblem();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteSecretAsync(
        string name,
        ClaimsPrincipal user,
        DeleteTenantSecretHandler handler,
        CancellationToken cancellationToken)
    {
        var caller = user.ToCaller();
        var result = await handler.HandleAsync(new DeleteTenantSecretCommand(caller.TenantId, caller.ApiKeyId, name), cancellationToken);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error.ToProblem();
    }

    /// <summary>The body of <c>PUT /v1/secrets/{name}</c>: the value, 1 to 8192 characters, stored encrypted and never returned.</summary>
    public sealed record PutSecretRequest(string? Value)
    {
        private bool PrintMembers(StringBuilder builder)
        {
            builder.Append(Value is null ? "Value = null" : "Value = ***");
            return true;
        }
    }
}

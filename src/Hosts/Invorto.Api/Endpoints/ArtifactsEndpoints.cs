using System.Security.Claims;
using Invorto.Application.Calls.Artifacts.DownloadArtifact;
using Invorto.Application.Calls.Artifacts.EraseCallArtifacts;
using Invorto.Application.Calls.Artifacts.GetCallArtifacts;
using Invorto.Hosting.Authentication;
using Invorto.Hosting.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Invorto.Api.Endpoints;

/// <summary>
/// Recordings and transcripts: <c>GET /v1/calls/{id}/artifacts</c> hands out signed links that expire, and
/// <c>GET /v1/artifacts/{callId}/{kind}</c> serves them to whoever holds the link (no API key: the signature is the credential).
/// </summary>
public static class ArtifactsEndpoints
{
    public static IEndpointRouteBuilder MapArtifactsApiV1(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1/calls/{id:guid}/artifacts", GetCallArtifactsAsync)
            .WithTags("Calls")
            .WithName("GetCallArtifacts")
            .RequireAuthorization(AuthorizationPolicies.Read)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

        endpoints.MapDelete("/v1/calls/{id:guid}/artifacts", EraseCallArtifactsAsync)
            .WithTags("Calls")
            .WithName("EraseCallArtifacts")
            .RequireAuthorization(AuthorizationPolicies.Administer)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        endpoints.MapGet("/v1/artifacts/{callId:guid}/{kind}", DownloadArtifactAsync)
            .WithTags("Calls")
            .WithName("DownloadArtifact")
            .AllowAnonymous()
            .Produces(StatusCodes.Status200OK, contentType: "audio/wav")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return endpoints;
    }

    public static async Task<Results<Ok<CallArtifactsDto>, ProblemHttpResult>> GetCallArtifactsAsync(
        Guid id,
        ClaimsPrincipal user,
        GetCallArtifactsHandler handler,
        CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(new GetCallArtifactsQuery(user.ToCaller().TenantId, id), cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> EraseCallArtifactsAsync(
        Guid id,
        ClaimsPrincipal user,
        EraseCallArtifactsHandler handler,
        CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(new EraseCallArtifactsCommand(user.ToCaller().TenantId, id), cancellationToken);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error.ToProblem();
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadArtifactAsync(
        Guid callId,
        string kind,
        [FromQuery] string? exp,
        [FromQuery] string? sig,
        DownloadArtifactHandler handler,
        CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(new DownloadArtifactQuery(callId, kind, exp, sig), cancellationToken);
        return result.IsSuccess
            ? TypedResults.Stream(result.Value.Content, result.Value.ContentType, result.Value.FileName)
            : result.Error.ToProblem();
    }
}

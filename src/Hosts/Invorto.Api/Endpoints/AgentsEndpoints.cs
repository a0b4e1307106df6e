using System.Security.Claims;
using System.Text.Json;
using Invorto.Application.Agents;
using Invorto.Application.Agents.ArchiveAgent;
using Invorto.Application.Agents.CreateAgent;
using Invorto.Application.Agents.GetAgent;
using Invorto.Application.Agents.ListAgents;
using Invorto.Application.Agents.UpdateAgent;
using Invorto.Application.Common;
using Invorto.Hosting.Authentication;
using Invorto.Hosting.Errors;
using Invorto.Hosting.Idempotency;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Invorto.Api.Endpoints;

public static class AgentsEndpoints
{
    public static IEndpointRouteBuilder MapAgentsApiV1(this IEndpointRouteBuilder endpoints)
    {
        var agents = endpoints.MapGroup("/v1/agents")
            .WithTags("Agents")
            .RequireAuthorization(AuthorizationPolicies.Read)
            .WithIdempotency()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        agents.MapPost("/", CreateAgentAsync)
            .WithName("CreateAgent")
            .RequireAuthorization(AuthorizationPolicies.Operate)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem();

        agents.MapGet("/", ListAgentsAsync)
            .WithName("ListAgents")
            .ProducesValidationProblem();

        agents.MapGet("/{id:guid}", GetAgentAsync)
            .WithName("GetAgent")
            .ProducesProblem(StatusCodes.Status404NotFound);

        agents.MapPatch("/{id:guid}", UpdateAgentAsync)
            .WithName("UpdateAgent")
            .RequireAuthorization(AuthorizationPolicies.Operate)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();

        agents.MapDelete("/{id:guid}", ArchiveAgentAsync)
            .WithName("ArchiveAgent")
            .RequireAuthorization(AuthorizationPolicies.Operate)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return endpoints;
    }

    public static async Task<Results<Created<AgentDto>, ProblemHttpResult>> CreateAgentAsync(
        CreateAgentRequest request,
        ClaimsPrincipal user,
        CreateAgentHandler handler,
        CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(new CreateAgentCommand(user.ToCaller().TenantId, request.Name, request.Config), cancellationToken);
        return result.IsSuccess
            ? TypedResults.Created($"/v1/agents/{result.Value.Id}", result.Value)
            : result.Error.ToProblem();
    }

    public static async Task<Results<Ok<AgentDto>, ProblemHttpResult>> GetAgentAsync(
        Guid id,
        [FromQuery] int? version,
        ClaimsPrincipal user,
        GetAgentHandler handler,
        CancellationToken cancellationToken)
    {
        var caller = user.ToCaller();
        var result = await handler.HandleAsync(new GetAgentQuery(caller.TenantId, id, version), cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(AgentConfigRedaction.ForRole(result.Value, caller.Role)) : result.Error.ToProblem();
    }

    public static async Task<Results<Ok<Page<AgentDto>>, ProblemHttpResult>> ListAgentsAsync(
        [FromQuery] string? name,
        [FromQuery] int? limit,
        [FromQuery] string? cursor,
        [FromQuery] bool? includeArchived,
        ClaimsPrincipal user,
        ListAgentsHandler handler,
        CancellationToken cancellationToken)
    {
        var caller = user.ToCaller();
        var query = new ListAgentsQuery(caller.TenantId, name, limit, cursor, includeArchived ?? false);
        var result = await handler.HandleAsync(query, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(result.Value with { Data = [.. result.Value.Data.Select(agent => AgentConfigRedaction.ForRole(agent, caller.Role))] })
            : result.Error.ToProblem();
    }

    public static async Task<Results<Ok<AgentDto>, ProblemHttpResult>> UpdateAgentAsync(
        Guid id,
        UpdateAgentRequest request,
        ClaimsPrincipal user,
        UpdateAgentHandler handler,
        CancellationToken cancellationToken)
    {
        var command = new UpdateAgentCommand(user.ToCaller().TenantId, id, request.Name, request.Config);
        var result = await handler.HandleAsync(command, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> ArchiveAgentAsync(
        Guid id,
        ClaimsPrincipal user,
        ArchiveAgentHandler handler,
        CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(new ArchiveAgentCommand(user.ToCaller().TenantId, id), cancellationToken);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error.ToProblem();
    }

    /// <summary>The body of <c>POST /v1/agents</c> (spec §3).</summary>
    public sealed record CreateAgentRequest(string? Name, JsonElement? Config);

    /// <summary>The body of <c>PATCH /v1/agents/{id}</c>: a new name and/or a JSON Merge Patch of the configuration.</summary>
    public sealed record UpdateAgentRequest(string? Name, JsonElement? Config);
}

using System.Security.Claims;
using Invorto.Application.Common;
using Invorto.Application.Numbers;
using Invorto.Application.Numbers.AddNumber;
using Invorto.Application.Numbers.ListNumbers;
using Invorto.Application.Numbers.RemoveNumber;
using Invorto.Hosting.Authentication;
using Invorto.Hosting.Errors;
using Invorto.Hosting.Idempotency;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Invorto.Api.Endpoints;

public static class NumbersEndpoints
{
    public static IEndpointRouteBuilder MapNumbersApiV1(this IEndpointRouteBuilder endpoints)
    {
        var numbers = endpoints.MapGroup("/v1/numbers")
            .WithTags("Numbers")
            .RequireAuthorization(AuthorizationPolicies.Read)
            .WithIdempotency()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        numbers.MapPost("/", AddNumberAsync)
            .WithName("AddNumber")
            .RequireAuthorization(AuthorizationPolicies.Operate)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();

        numbers.MapGet("/", ListNumbersAsync)
            .WithName("ListNumbers");

        numbers.MapDelete("/{id:guid}", RemoveNumberAsync)
            .WithName("RemoveNumber")
            .RequireAuthorization(AuthorizationPolicies.Operate)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return endpoints;
    }

    public static async Task<Results<Created<NumberDto>, ProblemHttpResult>> AddNumberAsync(
        AddNumberRequest request,
        ClaimsPrincipal user,
        AddNumberHandler handler,
        CancellationToken cancellationToken)
    {
        var command = new AddNumberCommand(user.ToCaller().TenantId, request.Number, request.AgentId, request.Provider);
        var result = await handler.HandleAsync(command, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Created($"/v1/numbers/{result.Value.Id}", result.Value)
            : result.Error.ToProblem();
    }

    public static async Task<Results<Ok<Page<NumberDto>>, ProblemHttpResult>> ListNumbersAsync(
        ClaimsPrincipal user,
        ListNumbersHandler handler,
        CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(new ListNumbersQuery(user.ToCaller().TenantId), cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveNumberAsync(
        Guid id,
        ClaimsPrincipal user,
        RemoveNumberHandler handler,
        CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(new RemoveNumberCommand(user.ToCaller().TenantId, id), cancellationToken);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error.ToProblem();
    }

    /// <summary>The body of <c>POST /v1/numbers</c>: an E.164 number, the agent that answers it, and jambonz or twilio.</summary>
    public sealed record AddNumberRequest(string? Number, Guid? AgentId, string? Provider);
}

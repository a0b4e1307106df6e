using System.Security.Claims;
using Invorto.Application.Calls.HangUpCall;
using Invorto.Application.Calls.SendDtmf;
using Invorto.Application.Calls.StartOutboundCall;
using Invorto.Application.Calls.TransferCall;
using Invorto.Hosting.Authentication;
using Invorto.Hosting.Errors;
using Invorto.Hosting.Idempotency;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Invorto.Api.Endpoints;

/// <summary>Placing and steering calls: <c>POST /v1/calls</c>, hang-up, transfer and DTMF.</summary>
public static class CallControlEndpoints
{
    public static IEndpointRouteBuilder MapCallControlApiV1(this IEndpointRouteBuilder endpoints)
    {
        var calls = endpoints.MapGroup("/v1/calls")
            .WithTags("Calls")
            .RequireAuthorization(AuthorizationPolicies.Operate)
            .WithIdempotency()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        calls.MapPost("/", StartCallAsync)
            .WithName("StartOutboundCall")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        calls.MapPost("/{id:guid}/hangup", HangUpAsync)
            .WithName("HangUpCall")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        calls.MapPost("/{id:guid}/transfer", TransferAsync)
            .WithName("TransferCall")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        calls.MapPost("/{id:guid}/dtmf", SendDtmfAsync)
            .WithName("SendDtmf")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }

    public static async Task<Results<Created<OutboundCallStarted>, ProblemHttpResult>> StartCallAsync(
        StartCallRequest request,
        ClaimsPrincipal user,
        StartOutboundCallHandler handler,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(
            new StartOutboundCallCommand(user.ToCaller().TenantId, request.AgentId, request.To, request.From, request.CampaignId, request.Provider, request.Metadata),
            cancellationToken);
        if (result.IsSuccess)
        {
            return TypedResults.Created($"/v1/calls/{result.Value.Id}", result.Value);
        }

        if (result.Error.Code == Invorto.Application.Common.ErrorCodes.QuotaExceeded)
        {
            var retryAfter = result.Error.RetryAfter is { } wait ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 5;
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return result.Error.ToProblem();
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> HangUpAsync(Guid id, ClaimsPrincipal user, HangUpCallHandler handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(new HangUpCallCommand(user.ToCaller().TenantId, id), cancellationToken);
        return result.IsSuccess ? TypedResults.Accepted((string?)null) : result.Error.ToProblem();
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> TransferAsync(Guid id, TransferRequest request, ClaimsPrincipal user, TransferCallHandler handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(new TransferCallCommand(user.ToCaller().TenantId, id, request.To, request.Mode), cancellationToken);
        return result.IsSuccess ? TypedResults.Accepted((string?)null) : result.Error.ToProblem();
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> SendDtmfAsync(Guid id, DtmfRequest request, ClaimsPrincipal user, SendDtmfHandler handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(new SendDtmfCommand(user.ToCaller().TenantId, id, request.Digits), cancellationToken);
        return result.IsSuccess ? TypedResults.Accepted((string?)null) : result.Error.ToProblem();
    }

    /// <summary>The body of <c>POST /v1/calls</c>.</summary>
    public sealed record StartCallRequest(Guid? AgentId, string? To, string? From, Guid? CampaignId, string? Provider, System.Text.Json.JsonElement? Metadata);

    /// <summary>The body of <c>POST /v1/calls/{id}/transfer</c>.</summary>
    public sealed record TransferRequest(string? To, string? Mode);

    /// <summary>The body of <c>POST /v1/calls/{id}/dtmf</c>.</summary>
    public sealed record DtmfRequest(string? Digits);
}

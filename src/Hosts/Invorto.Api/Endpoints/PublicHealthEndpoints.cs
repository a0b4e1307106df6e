using Invorto.Hosting;

namespace Invorto.Api.Endpoints;

public static class PublicHealthEndpoints
{
    /// <summary>The runbook's public smoke check (§4, §6A): no auth, no dependencies.</summary>
    public static IEndpointRouteBuilder MapPublicHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1/health", () => TypedResults.Ok(new PublicHealth("ok", InvortoService.Api.Name, InvortoService.Version)))
            .WithName("GetPublicHealth")
            .WithTags("Health")
            .AllowAnonymous();
        return endpoints;
    }

    public sealed record PublicHealth(string Status, string Service, string Version);
}

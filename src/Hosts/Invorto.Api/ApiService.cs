using Invorto.Api.Endpoints;
using Invorto.Hosting;
using Invorto.Hosting.Authentication;
using Invorto.Hosting.Idempotency;
using Invorto.Hosting.RateLimiting;
using Invorto.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Scalar.AspNetCore;

namespace Invorto.Api;

/// <summary>The composition of the public REST API (:8080), called by its Program and by the embedded launcher.</summary>
public static class ApiService
{
    public const long MaxRequestBodyBytes = 256 * 1024;

    public static WebApplicationBuilder AddApiService(this WebApplicationBuilder builder, EmbeddedServices embedded)
    {
        builder.AddInvortoDefaults(InvortoService.Api, embedded);
        builder.Services.Configure<KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Services.AddInvortoApiKeyAuthentication();
        builder.Services.AddInvortoApiRateLimiting();
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication MapApiService(this WebApplication app)
    {
        app.UseInvortoDefaults();
        app.UseInvortoApiKeyAuthentication(afterAuthentication: authenticated => authenticated.UseInvortoApiRateLimiting());
        app.UseInvortoIdempotency();
        app.MapInvortoDefaults();

        if (app.Environment.IsDevelopment())
        {
            app.MapOpenApi();
            app.MapScalarApiReference();
        }

        app.MapPublicHealth();
        app.MapAgentsApiV1();
        app.MapCallControlApiV1();
        app.MapCallsApiV1();
        app.MapMetricsApiV1();
        app.MapKeysApiV1();
        app.MapNumbersApiV1();
        app.MapRealtimeTokensApiV1();
        app.MapArtifactsApiV1();
        app.MapToolsApiV1();
        app.MapSecretsApiV1();
        return app;
    }
}

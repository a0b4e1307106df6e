using Invorto.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Invorto.Hosting.Observability;

internal static class MetricsSetup
{
    /// <summary>OpenTelemetry metrics per service: HTTP server and runtime instruments plus every <c>Invorto.*</c> meter, scraped as Prometheus text.</summary>
    public static IServiceCollection AddInvortoMetrics(this IServiceCollection services, InvortoService service)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName: $"invorto-{service.Name}", serviceVersion: InvortoService.Version))
            .WithMetrics(metrics => metrics
                .AddMeter(InvortoMeters.Prefix + "*")
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter(exporter => exporter.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    public static IEndpointRouteBuilder MapInvortoMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint("/metrics");
        return endpoints;
    }
}

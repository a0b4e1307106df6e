using System.Text.Json;
using System.Text.Json.Serialization;
using Invorto.Application;
using Invorto.Hosting.Errors;
using Invorto.Hosting.Health;
using Invorto.Hosting.Observability;
using Invorto.Infrastructure;
using Invorto.Infrastructure.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Invorto.Hosting;

/// <summary>What every service gets the same way: configuration, logs, errors, health, metrics, shutdown.</summary>
public static class ServiceDefaults
{
    public static WebApplicationBuilder AddInvortoDefaults(this WebApplicationBuilder builder, InvortoService service, EmbeddedServices embedded)
    {
        builder.Services.AddSingleton(service);
        builder.Services.AddSingleton<HostingMetrics>();
        ListenOnDefaultPort(builder, service);

        builder.AddInvortoLogging(service);
        builder.Services.AddInvortoProblemDetails();
        builder.Services.AddHealthChecks();
        builder.Services.AddInvortoMetrics(service);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(20));
        builder.Services.Configure<JsonOptions>(options => ConfigureJson(options.SerializerOptions));

        builder.Services.AddApplication();
        builder.Services.AddInfrastructure(builder.Configuration, embedded);
        return builder;
    }

    public static WebApplication UseInvortoDefaults(this WebApplication app)
    {
        var service = app.Services.GetRequiredService<InvortoService>();
        EmbeddedModeGuard.Check(app, service);
        app.UseMiddleware<CorrelationMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    public static WebApplication MapInvortoDefaults(this WebApplication app)
    {
        app.MapInvortoHealth();
        app.MapInvortoMetrics();
        return app;
    }

    /// <summary>Applies pending migrations before the service takes traffic when <c>MIGRATE_ON_START</c> (or the embedded mode) asks for it.</summary>
    public static async Task MigrateIfConfiguredAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        var database = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value;
        if (database.ShouldMigrateOnStart)
        {
            await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        }
    }

    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }

    private static void ListenOnDefaultPort(WebApplicationBuilder builder, InvortoService service)
    {
        var configured = builder.Configuration["urls"] ?? builder.Configuration["http_ports"] ?? builder.Configuration["ASPNETCORE_URLS"] ?? builder.Configuration["ASPNETCORE_HTTP_PORTS"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            builder.WebHost.UseUrls($"http://0.0.0.0:{service.DefaultPort}");
        }
    }
}

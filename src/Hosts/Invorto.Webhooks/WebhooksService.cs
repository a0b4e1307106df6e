using Invorto.Hosting;
using Invorto.Infrastructure;
using Invorto.Infrastructure.Jobs;

namespace Invorto.Webhooks;

/// <summary>The composition of the webhook delivery service (:8082): it runs the platform's background jobs.</summary>
public static class WebhooksService
{
    public static WebApplicationBuilder AddWebhooksService(this WebApplicationBuilder builder, EmbeddedServices embedded)
    {
        builder.AddInvortoDefaults(InvortoService.Webhooks, embedded);
        builder.Services.AddInvortoJobServer(InvortoService.Webhooks.Name);
        return builder;
    }

    public static WebApplication MapWebhooksService(this WebApplication app)
    {
        app.UseInvortoDefaults();
        app.MapInvortoDefaults();
        return app;
    }
}

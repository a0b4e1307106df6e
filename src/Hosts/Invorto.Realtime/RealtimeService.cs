using Invorto.Hosting;
using Invorto.Infrastructure;

namespace Invorto.Realtime;

/// <summary>The composition of the realtime voice gateway (:8081), called by its Program and by the embedded launcher.</summary>
public static class RealtimeService
{
    public static WebApplicationBuilder AddRealtimeService(this WebApplicationBuilder builder, EmbeddedServices embedded)
    {
        builder.AddInvortoDefaults(InvortoService.Realtime, embedded);
        return builder;
    }

    public static WebApplication MapRealtimeService(this WebApplication app)
    {
        app.UseInvortoDefaults();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(15) });
        app.MapInvortoDefaults();
        return app;
    }
}

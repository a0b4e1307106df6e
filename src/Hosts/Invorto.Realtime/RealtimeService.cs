using Invorto.Hosting;
using Invorto.Infrastructure;
using Invorto.Realtime.Authentication;
using Invorto.Realtime.Endpoints;

namespace Invorto.Realtime;

/// <summary>The composition of the realtime voice gateway (:8081), called by its Program and by the embedded launcher.</summary>
public static class RealtimeService
{
    public static WebApplicationBuilder AddRealtimeService(this WebApplicationBuilder builder, EmbeddedServices embedded)
    {
        builder.AddInvortoDefaults(InvortoService.Realtime, embedded);
        builder.Services.AddSingleton<RealtimeSessions>();
        builder.Services.AddScoped<RealtimeAuthenticator>();
        builder.Services.AddSingleton<RealtimeConnectLimiter>();
        return builder;
    }

    public static WebApplication MapRealtimeService(this WebApplication app)
    {
        app.UseInvortoDefaults();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(15) });
        app.MapInvortoDefaults();
        app.MapJambonzListen();
        return app;
    }
}

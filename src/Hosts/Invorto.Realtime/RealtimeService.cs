using Invorto.Hosting;
using Invorto.Infrastructure;
using Invorto.Realtime.Authentication;
using Invorto.Realtime.Endpoints;
using Invorto.Realtime.Transports;

namespace Invorto.Realtime;

/// <summary>The composition of the realtime voice gateway (:8081), called by its Program and by the embedded launcher.</summary>
public static class RealtimeService
{
    public static WebApplicationBuilder AddRealtimeService(this WebApplicationBuilder builder, EmbeddedServices embedded)
    {
        builder.AddInvortoDefaults(InvortoService.Realtime, embedded);
        builder.WebHost.UseSockets(sockets =>
        {
            sockets.UnsafePreferInlineScheduling = true;
            sockets.WaitForDataBeforeAllocatingBuffer = false;
        });
        builder.Services.AddSingleton<RealtimeSessions>();
        builder.Services.AddSingleton<ConversationRunner>();
        builder.Services.AddScoped<RealtimeAuthenticator>();
        builder.Services.AddSingleton<RealtimeConnectLimiter>();
        builder.Services.AddSingleton<UnauthenticatedSocketLimiter>();
        builder.Services.AddOptions<RealtimeEdgeOptions>()
            .Validate(edge => edge.AuthenticationTimeout > TimeSpan.Zero && edge.MaxUnauthenticatedPerAddress > 0, "The realtime edge limits must be positive.")
            .ValidateOnStart();
        return builder;
    }

    public static WebApplication MapRealtimeService(this WebApplication app)
    {
        app.UseInvortoDefaults();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(15) });
        app.MapInvortoDefaults();
        app.Services.GetRequiredService<RealtimeSessions>();
        app.MapClientVoice();
        app.MapJambonzListen();
        app.MapTwilioMedia();
        return app;
    }
}

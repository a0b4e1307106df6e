using Invorto.Hosting;
using Invorto.Infrastructure;
using Invorto.Telephony.Endpoints;

namespace Invorto.Telephony;

/// <summary>The composition of the telephony hook service (:8085), called by its Program and by the embedded launcher.</summary>
public static class TelephonyService
{
    public static WebApplicationBuilder AddTelephonyService(this WebApplicationBuilder builder, EmbeddedServices embedded)
    {
        builder.AddInvortoDefaults(InvortoService.Telephony, embedded);
        return builder;
    }

    public static WebApplication MapTelephonyService(this WebApplication app)
    {
        app.UseInvortoDefaults();
        app.MapInvortoDefaults();
        app.MapJambonzHooks();
        app.MapTwilioHooks();
        return app;
    }
}

using Invorto.Api;
using Invorto.Hosting;
using Invorto.Infrastructure;
using Invorto.Realtime;
using Invorto.Telephony;
using Invorto.Webhooks;

namespace Invorto.Local;

/// <summary>
/// The four services composed in one process, sharing the in-process substitutes; the Api service is first.
/// <paramref name="customize"/> adds to each service's composition.
/// </summary>
internal static class LocalServices
{
    public static List<(InvortoService Service, WebApplication App)> Build(
        string[] args,
        EmbeddedServices embedded,
        Func<InvortoService, string>? urlOf = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? customize = null)
    {
        (InvortoService, WebApplication) Service(InvortoService service, Action<WebApplicationBuilder> compose, Action<WebApplication> map) =>
            (service, LocalServiceBuilder.Build(
                args,
                service,
                builder =>
                {
                    compose(builder);
                    customize?.Invoke(builder);
                },
                map,
                urlOf?.Invoke(service),
                settings));

        return
        [
            Service(InvortoService.Api, builder => builder.AddApiService(embedded), app => app.MapApiService()),
            Service(InvortoService.Realtime, builder => builder.AddRealtimeService(embedded), app => app.MapRealtimeService()),
            Service(InvortoService.Webhooks, builder => builder.AddWebhooksService(embedded), app => app.MapWebhooksService()),
            Service(InvortoService.Telephony, builder => builder.AddTelephonyService(embedded), app => app.MapTelephonyService()),
        ];
    }
}

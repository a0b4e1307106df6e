using Invorto.Api;
using Invorto.Hosting;
using Invorto.Infrastructure;
using Invorto.Local;
using Invorto.Realtime;
using Invorto.Telephony;
using Invorto.Webhooks;

// Development launcher (spec §11): the four services in one process, sharing the in-process substitutes.
using var embedded = new EmbeddedServices(sharedAcrossServices: true);
var services = new List<(InvortoService Service, WebApplication App)>
{
    (InvortoService.Api, LocalServiceBuilder.Build(args, InvortoService.Api, builder => builder.AddApiService(embedded), app => app.MapApiService())),
    (InvortoService.Realtime, LocalServiceBuilder.Build(args, InvortoService.Realtime, builder => builder.AddRealtimeService(embedded), app => app.MapRealtimeService())),
    (InvortoService.Webhooks, LocalServiceBuilder.Build(args, InvortoService.Webhooks, builder => builder.AddWebhooksService(embedded), app => app.MapWebhooksService())),
    (InvortoService.Telephony, LocalServiceBuilder.Build(args, InvortoService.Telephony, builder => builder.AddTelephonyService(embedded), app => app.MapTelephonyService())),
};

// The Api service owns the schema: migrate once before anything takes traffic.
await services[0].App.MigrateIfConfiguredAsync();
foreach (var (_, app) in services)
{
    await app.StartAsync();
}

foreach (var (service, app) in services)
{
    Console.WriteLine($"invorto {service.Name,-10} listening on {string.Join(", ", app.Urls)}");
}

Console.WriteLine("Press Ctrl+C to stop.");
await Task.WhenAll(services.Select(entry => entry.App.WaitForShutdownAsync()));
foreach (var (_, app) in services)
{
    await app.DisposeAsync();
}

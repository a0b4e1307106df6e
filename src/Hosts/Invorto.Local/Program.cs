using Invorto.Hosting;
using Invorto.Infrastructure;
using Invorto.Local;
using Invorto.Local.Demo;

if (DemoCommand.IsCommand(args))
{
    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        stop.Cancel();
    };
    return await DemoCommand.RunAsync(args, Console.Out, stop.Token);
}

// Development launcher (spec §11): the four services in one process, sharing the in-process substitutes.
using var embedded = new EmbeddedServices(sharedAcrossServices: true);
var services = LocalServices.Build(args, embedded);

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

return 0;

using Invorto.Api;
using Invorto.Api.Commands;
using Invorto.Hosting;
using Invorto.Infrastructure;

using var embedded = new EmbeddedServices();
var builder = WebApplication.CreateBuilder(args);
builder.AddApiService(embedded);
var app = builder.Build();

if (ApiCommands.IsCommand(args))
{
    return await ApiCommands.RunAsync(app, args, Console.Out, CancellationToken.None);
}

app.MapApiService();
await app.MigrateIfConfiguredAsync();
await app.RunAsync();
return 0;

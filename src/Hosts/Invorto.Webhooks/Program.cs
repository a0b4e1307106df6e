using Invorto.Infrastructure;
using Invorto.Webhooks;

using var embedded = new EmbeddedServices();
var builder = WebApplication.CreateBuilder(args);
builder.AddWebhooksService(embedded);
var app = builder.Build();
app.MapWebhooksService();
await app.RunAsync();

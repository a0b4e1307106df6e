using Invorto.Infrastructure;
using Invorto.Telephony;

using var embedded = new EmbeddedServices();
var builder = WebApplication.CreateBuilder(args);
builder.AddTelephonyService(embedded);
var app = builder.Build();
app.MapTelephonyService();
await app.RunAsync();

using Invorto.Telephony;
using Invorto.Infrastructure;

using var embedded = new EmbeddedServices();
var builder = WebApplication.CreateBuilder(args);
builder.AddTelephonyService(embedded);
var app = builder.Build();
app.MapTelephonyService();
await app.RunAsync();

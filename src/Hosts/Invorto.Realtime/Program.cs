using Invorto.Infrastructure;
using Invorto.Realtime;

using var embedded = new EmbeddedServices();
var builder = WebApplication.CreateBuilder(args);
builder.AddRealtimeService(embedded);
var app = builder.Build();
app.MapRealtimeService();
await app.RunAsync();

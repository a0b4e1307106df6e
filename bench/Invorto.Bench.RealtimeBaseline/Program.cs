using System.Globalization;
using System.Net;
using Invorto.Bench.RealtimeBaseline;

// The thinnest WebSocket audio server this box can run: /realtime/voice, start → ready, then one 20 ms frame per
// session every 20 ms from one timer wheel per core. Usage: Invorto.Bench.RealtimeBaseline --port 5099
var port = args.Length == 2 && args[0] == "--port"
    ? int.Parse(args[1], CultureInfo.InvariantCulture)
    : throw new ArgumentException("Usage: Invorto.Bench.RealtimeBaseline --port <port>", nameof(args));

var builder = WebApplication.CreateSlimBuilder(args[..0]);
builder.Logging.ClearProviders();
builder.WebHost.UseSockets(options =>
{
    options.UnsafePreferInlineScheduling = true;
    options.WaitForDataBeforeAllocatingBuffer = false;
});
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));

using var wheels = new TimerWheels(Environment.ProcessorCount, slots: 4);
var app = builder.Build();
app.UseWebSockets();
app.MapGet("/health", () => "ok");
app.Map("/realtime/voice", (HttpContext context) => BaselineSession.RunAsync(context, wheels));
wheels.Start();
await app.RunAsync();

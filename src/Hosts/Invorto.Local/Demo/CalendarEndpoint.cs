using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;

namespace Invorto.Local.Demo;

/// <summary>
/// The demo's tool: a tiny calendar on a free loopback port whose <c>POST /bookings</c> books a meeting for the JSON
/// arguments it receives and answers with the booking. It keeps every request body it received. It speaks plain http on
/// loopback, which the demo's platform accepts because it allows private tool targets in its own process.
/// </summary>
internal sealed class CalendarEndpoint : IAsyncDisposable
{
    public const string BookingsPath = "/bookings";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _received = new();
    private int _bookings;

    private CalendarEndpoint()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapPost(BookingsPath, BookAsync);
    }

    public Uri Bookings => new(new Uri(_app.Urls.First()), BookingsPath);

    public IReadOnlyList<string> Received => [.. _received];

    public static async Task<CalendarEndpoint> StartAsync(CancellationToken cancellationToken)
    {
        var calendar = new CalendarEndpoint();
        await calendar._app.StartAsync(cancellationToken);
        return calendar;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private async Task<IResult> BookAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(cancellationToken);
        _received.Enqueue(body);
        if (ParseObject(body) is not { } arguments)
        {
            return Results.BadRequest(new { error = "a JSON object of arguments is expected" });
        }

        var number = Interlocked.Increment(ref _bookings);
        return Results.Ok(new
        {
            bookingId = $"BK-{1000 + number}",
            status = "confirmed",
            day = arguments["day"]?.GetValue<string>(),
            time = arguments["time"]?.GetValue<string>(),
        });
    }

    private static JsonObject? ParseObject(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

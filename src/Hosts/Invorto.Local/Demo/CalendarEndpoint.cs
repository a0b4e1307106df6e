using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace Invorto.Local.Demo;

/// <summary>
/// The demo's tool: a tiny calendar on a free loopback port whose <c>POST /bookings</c> books a meeting for the JSON
/// arguments it receives and answers with the booking. It keeps every request body it received. Agent tools must be
/// https URLs, so it serves HTTPS with a self-signed certificate made at start (<see cref="CertificateHash"/>), which
/// only the demo's own platform trusts.
/// </summary>
internal sealed class CalendarEndpoint : IAsyncDisposable
{
    public const string BookingsPath = "/bookings";

    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private readonly ConcurrentQueue<string> _received = new();
    private int _bookings;

    private CalendarEndpoint()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        _certificate = SelfSignedLoopbackCertificate();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(_certificate)));
        _app = builder.Build();
        _app.MapPost(BookingsPath, BookAsync);
    }

    public Uri Bookings => new(new Uri(_app.Urls.First()), BookingsPath);

    public IReadOnlyList<string> Received => [.. _received];

    /// <summary>The SHA-256 hash of the certificate the calendar serves.</summary>
    public byte[] CertificateHash => _certificate.GetCertHash(HashAlgorithmName.SHA256);

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
        _certificate.Dispose();
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

    private static X509Certificate2 SelfSignedLoopbackCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=invorto-demo-calendar", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
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

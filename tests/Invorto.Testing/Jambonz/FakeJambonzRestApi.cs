using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Invorto.Testing.Jambonz;

/// <summary>
/// Jambonz's REST API as a real HTTP server on 127.0.0.1 (a random port): create call answers 201 {sid},
/// update answers 202, and every request is recorded. <see cref="NextStatus"/> makes it answer an error instead.
/// </summary>
public sealed class FakeJambonzRestApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeJambonzRestApi(WebApplication app) => _app = app;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>When set, the next request gets this status (480 = no feature server).</summary>
    public int? NextStatus { get; set; }

    public Uri BaseUrl => new(_app.Urls.First());

    public static async Task<FakeJambonzRestApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeJambonzRestApi(app);
        app.MapPost("/v1/Accounts/{account}/Calls", (string account, HttpRequest request) => fake.RecordAsync(request, account, null, StatusCodes.Status201Created));
        app.MapPut("/v1/Accounts/{account}/Calls/{callSid}", (string account, string callSid, HttpRequest request) => fake.RecordAsync(request, account, callSid, StatusCodes.Status202Accepted));
        await app.StartAsync();
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> RecordAsync(HttpRequest request, string account, string? callSid, int success)
    {
        var body = await JsonNode.ParseAsync(request.Body) as JsonObject ?? [];
        if (NextStatus is { } status)
        {
            NextStatus = null;
            Requests.Enqueue(new RecordedRequest(request.Method, account, callSid, request.Headers.Authorization.ToString(), body, null));
            return Results.Json(new { msg = "fake failure" }, statusCode: status);
        }

        var created = success == StatusCodes.Status201Created ? $"sid-{Guid.NewGuid():N}" : null;
        Requests.Enqueue(new RecordedRequest(request.Method, account, callSid, request.Headers.Authorization.ToString(), body, created));
        return created is not null ? Results.Json(new { sid = created }, statusCode: success) : Results.StatusCode(success);
    }

    /// <param name="CreatedSid">The sid this fake answered a create-call request with.</param>
    public sealed record RecordedRequest(string Method, string Account, string? CallSid, string Authorization, JsonObject Body, string? CreatedSid);
}

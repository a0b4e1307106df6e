using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Invorto.Testing.Providers;

/// <summary>
/// An OpenAI-compatible <c>POST /v1/audio/transcriptions</c> server on 127.0.0.1 (a random port), as OpenAI or a
/// self-hosted whisper server answers it: it reads the multipart upload, parses the WAV it carries and records both,
/// then answers from a script, one <see cref="TranscriptionAnswer"/> per request in order (<c>{"text":"hello"}</c> when
/// the script is empty): a text, an error status with OpenAI's error body, or a hold until the client gives up.
/// </summary>
public sealed class FakeTranscriptionServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _apiKey;
    private readonly ConcurrentQueue<TranscriptionAnswer> _script = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConditionWaiters _waiters = new();
    private int _requests;
    private int _abortedRequests;

    private FakeTranscriptionServer(WebApplication app, string? apiKey)
    {
        _app = app;
        _apiKey = apiKey;
    }

    /// <summary>The API root, what <c>OPENAI_BASE_URL</c> or an agent's <c>asr.baseUrl</c> would hold (<c>http://127.0.0.1:port/v1</c>).</summary>
    public string BaseUrl => _app.Urls.First() + "/v1";

    public ConcurrentQueue<TranscriptionUpload> Uploads { get; } = new();

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Held requests the client abandoned (cancelled, timed out or disposed).</summary>
    public int AbortedRequests => Volatile.Read(ref _abortedRequests);

    /// <param name="apiKey">When set, requests without <c>Authorization: Bearer apiKey</c> get 401.</param>
    public static async Task<FakeTranscriptionServer> StartAsync(string? apiKey = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeTranscriptionServer(app, apiKey);
        app.MapPost("/v1/audio/transcriptions", (HttpRequest request) => fake.HandleAsync(request));
        await app.StartAsync();
        return fake;
    }

    /// <summary>Adds answers for the next requests, in order.</summary>
    public void Answer(params TranscriptionAnswer[] answers)
    {
        foreach (var answer in answers)
        {
            _script.Enqueue(answer);
        }
    }

    public Task WaitForRequestsAsync(int count, TimeSpan? timeout = null) => _waiters.WaitAsync(() => Requests >= count, timeout);

    public Task WaitForAbortedRequestsAsync(int count, TimeSpan? timeout = null) => _waiters.WaitAsync(() => AbortedRequests >= count, timeout);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        var context = request.HttpContext;
        var authorization = request.Headers.Authorization.ToString();
        var form = await request.ReadFormAsync(context.RequestAborted);
        var file = form.Files.GetFile("file");
        byte[] wav = [];
        if (file is not null)
        {
            using var content = new MemoryStream();
            await file.CopyToAsync(content, context.RequestAborted);
            wav = content.ToArray();
        }

        Uploads.Enqueue(new TranscriptionUpload(
            authorization,
            form["model"].ToString(),
            form.TryGetValue("language", out var language) ? language.ToString() : null,
            form["response_format"].ToString(),
            file?.FileName,
            file?.ContentType,
            UploadedWav.Parse(wav)));
        Interlocked.Increment(ref _requests);
        _waiters.Notify();

        if (_apiKey is not null && authorization != "Bearer " + _apiKey)
        {
            return Error(StatusCodes.Status401Unauthorized, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
        }

        var answer = _script.TryDequeue(out var scripted) ? scripted : TranscriptionAnswer.Text("hello");
        if (answer.Hold)
        {
            using var held = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            try
            {
                await Task.Delay(Timeout.Infinite, held.Token);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                Interlocked.Increment(ref _abortedRequests);
                _waiters.Notify();
                return Results.Empty;
            }
            catch (OperationCanceledException)
            {
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }
        }

        return answer.Status switch
        {
            StatusCodes.Status200OK => Results.Json(new { text = answer.Body }),
            StatusCodes.Status429TooManyRequests => Error(answer.Status, "Rate limit reached.", "requests", "rate_limit_exceeded"),
            var status => Error(status, "The server had an error while processing your request.", "server_error", null),
        };
    }

    private static IResult Error(int status, string message, string type, string? code) =>
        Results.Json(new { error = new { message, type, param = (string?)null, code } }, statusCode: status);
}

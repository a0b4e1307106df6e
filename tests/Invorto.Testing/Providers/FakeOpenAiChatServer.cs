using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Invorto.Testing.Providers;

/// <summary>
/// An OpenAI-compatible chat completions server on 127.0.0.1 (a random port): <c>POST {base}/chat/completions</c>
/// answers with the real SSE stream (<c>data: {chunk}</c> lines, <c>data: [DONE]</c>), each request getting the next
/// scripted <see cref="FakeOpenAiChatReply"/> (a short text answer when none is left). Every request is recorded with
/// its headers, its JSON body and whether the client aborted it.
/// </summary>
public sealed class FakeOpenAiChatServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _basePath;
    private readonly ConcurrentQueue<FakeOpenAiChatReply> _replies = new();
    private readonly ConcurrentQueue<FakeOpenAiChatRequest> _requests = new();

    private FakeOpenAiChatServer(WebApplication app, string basePath)
    {
        _app = app;
        _basePath = basePath;
    }

    /// <summary>The base URL a client is given, e.g. <c>http://127.0.0.1:5123/v1</c>.</summary>
    public Uri BaseUrl => new(_app.Urls.First().TrimEnd('/') + _basePath);

    public IReadOnlyList<FakeOpenAiChatRequest> Requests => [.. _requests];

    /// <param name="basePath">The path before <c>/chat/completions</c>, like <c>/v1</c> or <c>/ollama/v1</c>.</param>
    public static async Task<FakeOpenAiChatServer> StartAsync(string basePath = "/v1")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeOpenAiChatServer(app, "/" + basePath.Trim('/'));
        app.MapPost(fake._basePath + "/chat/completions", fake.AnswerAsync);
        await app.StartAsync();
        return fake;
    }

    public void Enqueue(params FakeOpenAiChatReply[] replies)
    {
        foreach (var reply in replies)
        {
            _replies.Enqueue(reply);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var aborted = context.RequestAborted;
        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: aborted) as JsonObject ?? [];
        var headers = context.Request.Headers.ToDictionary(header => header.Key.ToLowerInvariant(), header => header.Value.ToString(), StringComparer.Ordinal);
        var request = new FakeOpenAiChatRequest(context.Request.Path, headers, body);
        _requests.Enqueue(request);
        using var registration = aborted.Register(request.MarkAborted);
        var reply = _replies.TryDequeue(out var next) ? next : FakeOpenAiChatReply.Text("Hello", " from the fake.");
        try
        {
            await WriteAsync(context, request, reply);
            request.MarkCompleted();
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
        }
        catch (IOException) when (aborted.IsCancellationRequested)
        {
        }
    }

    private static async Task WriteAsync(HttpContext context, FakeOpenAiChatRequest request, FakeOpenAiChatReply reply)
    {
        var aborted = context.RequestAborted;
        if (reply.FirstByteDelay > TimeSpan.Zero)
        {
            await Task.Delay(reply.FirstByteDelay, aborted);
        }

        if (reply.ErrorStatus is { } status)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(reply.ErrorBody ?? "{}", aborted);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.StartAsync(aborted);
        for (var i = 0; i < reply.Chunks.Count; i++)
        {
            if (i == reply.PauseAfter)
            {
                await PauseAsync(context, reply.Resume);
            }

            if (i == reply.DisconnectAfter)
            {
                request.MarkCutByServer();
                context.Abort();
                return;
            }

            await SendAsync(context, reply.Chunks[i]);
        }

        if (reply.PauseAfter == reply.Chunks.Count)
        {
            await PauseAsync(context, reply.Resume);
        }

        if (reply.DisconnectAfter == reply.Chunks.Count)
        {
            request.MarkCutByServer();
            context.Abort();
            return;
        }

        if (reply.SendDone)
        {
            await SendAsync(context, "[DONE]");
        }
    }

    /// <summary>
    /// Waits for <paramref name="resume"/>, sending an SSE comment (which clients ignore) every 50 ms meanwhile: Kestrel
    /// notices a client that closed the connection only when it writes to it.
    /// </summary>
    private static async Task PauseAsync(HttpContext context, Task resume)
    {
        while (!resume.IsCompleted)
        {
            await Task.WhenAny(resume, Task.Delay(TimeSpan.FromMilliseconds(50), context.RequestAborted));
            context.RequestAborted.ThrowIfCancellationRequested();
            if (!resume.IsCompleted)
            {
                await context.Response.Body.WriteAsync(": keep-alive\n\n"u8.ToArray(), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
    }

    private static async Task SendAsync(HttpContext context, string data)
    {
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes($"data: {data}\n\n"), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Invorto.Testing.Providers;

/// <summary>
/// The three streaming text-to-speech APIs as one real HTTP server on 127.0.0.1 (a random port), speaking their wire
/// protocols: Deepgram Aura <c>POST /v1/speak</c> (<c>Authorization: Token</c>), ElevenLabs
/// <c>POST /v1/text-to-speech/{voiceId}/stream</c> (<c>xi-api-key</c>) and OpenAI <c>POST /v1/audio/speech</c>
/// (<c>Authorization: Bearer</c>, optional like a self-hosted Kokoro server when <see cref="OpenAiKey"/> is null).
/// A wrong key or a malformed request gets the vendor's own error status and JSON; otherwise the next scripted
/// <see cref="FakeSpeechReply"/> (or <see cref="DefaultReply"/>) is streamed. Every request is recorded with its outcome,
/// including whether the client aborted it.
/// </summary>
public sealed class FakeSpeechServer : IAsyncDisposable
{
    public const string ApiKey = "fake-speech-key-0123456789";

    private static readonly string[] DeepgramEncodings = ["linear16", "mulaw", "alaw"];
    private static readonly string[] ElevenLabsFormats = ["ulaw_8000", "pcm_8000", "pcm_16000", "pcm_22050", "pcm_24000", "pcm_44100", "mp3_44100_128"];
    private static readonly string[] OpenAiFormats = ["mp3", "opus", "aac", "flac", "wav", "pcm"];

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeSpeechReply> _replies = new();
    private readonly ConcurrentQueue<FakeSpeechExchange> _exchanges = new();
    private readonly Channel<FakeSpeechExchange> _arrivals = Channel.CreateUnbounded<FakeSpeechExchange>();

    private FakeSpeechServer(WebApplication app) => _app = app;

    public Uri BaseUrl => new(_app.Urls.First());

    /// <summary>The base URL an OpenAI client is given (<c>…/v1</c>).</summary>
    public Uri OpenAiBaseUrl => new(BaseUrl, "/v1");

    /// <summary>The bearer key the OpenAI route requires; null accepts requests without one.</summary>
    public string? OpenAiKey { get; set; } = ApiKey;

    /// <summary>Answered when no reply is queued.</summary>
    public FakeSpeechReply DefaultReply { get; set; } = FakeSpeechReply.Streaming(new byte[3200]);

    public IReadOnlyList<FakeSpeechExchange> Exchanges => [.. _exchanges];

    public static async Task<FakeSpeechServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSpeechServer(app);
        app.MapPost("/v1/speak", (HttpContext context) => fake.ServeAsync(context, FakeSpeechVendor.Deepgram));
        app.MapPost("/v1/text-to-speech/{voiceId}/stream", (HttpContext context) => fake.ServeAsync(context, FakeSpeechVendor.ElevenLabs));
        app.MapPost("/v1/audio/speech", (HttpContext context) => fake.ServeAsync(context, FakeSpeechVendor.OpenAi));
        await app.StartAsync();
        return fake;
    }

    /// <summary>Queues replies for the next requests, in order.</summary>
    public void Enqueue(params FakeSpeechReply[] replies)
    {
        foreach (var reply in replies)
        {
            _replies.Enqueue(reply);
        }
    }

    /// <summary>The next request to arrive (in arrival order), once its body was read.</summary>
    public async Task<FakeSpeechExchange> NextRequestAsync(TimeSpan? timeout = null) =>
        await _arrivals.Reader.ReadAsync().AsTask().WaitAsync(timeout ?? TimeSpan.FromSeconds(10));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static (int Status, JsonObject Error)? Refusal(FakeSpeechExchange exchange, string? openAiKey) => exchange.Vendor switch
    {
        FakeSpeechVendor.Deepgram when exchange.Header("authorization") != $"Token {ApiKey}" => (401, DeepgramError(401)),
        FakeSpeechVendor.Deepgram when !exchange.Query.ContainsKey("model")
            || !DeepgramEncodings.Contains(exchange.Query.GetValueOrDefault("encoding"))
            || !int.TryParse(exchange.Query.GetValueOrDefault("sample_rate"), out _)
            || exchange.Query.GetValueOrDefault("container") is not ("none" or "wav")
            || !HasString(exchange.Body, "text") => (400, DeepgramError(400)),
        FakeSpeechVendor.ElevenLabs when exchange.Header("xi-api-key") != ApiKey => (401, ElevenLabsError(401)),
        FakeSpeechVendor.ElevenLabs when !ElevenLabsFormats.Contains(exchange.Query.GetValueOrDefault("output_format"))
            || !HasString(exchange.Body, "text")
            || !HasString(exchange.Body, "model_id") => (400, ElevenLabsError(400)),
        FakeSpeechVendor.OpenAi when openAiKey is not null && exchange.Header("authorization") != $"Bearer {openAiKey}" => (401, OpenAiError(401, openAiKey)),
        FakeSpeechVendor.OpenAi when !HasString(exchange.Body, "model")
            || !HasString(exchange.Body, "voice")
            || !HasString(exchange.Body, "input")
            || !OpenAiFormats.Contains(StringOf(exchange.Body, "response_format"))
            || exchange.Body?["speed"] is JsonNode speed && (speed.GetValueKind() != JsonValueKind.Number || speed.GetValue<double>() is < 0.25 or > 4.0) => (400, OpenAiError(400, openAiKey)),
        _ => null,
    };

    private static bool HasString(JsonObject? body, string property) => StringOf(body, property) is { Length: > 0 };

    private static string? StringOf(JsonObject? body, string property) =>
        body?[property] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static JsonObject DeepgramError(int status) => new()
    {
        ["err_code"] = status switch
        {
            401 => "INVALID_AUTH",
            403 => "INSUFFICIENT_PERMISSIONS",
            429 => "TOO_MANY_REQUESTS",
            >= 500 => "INTERNAL_SERVER_ERROR",
            _ => "INVALID_QUERY_PARAMETER",
        },
        ["err_msg"] = status == 401 ? "Invalid credentials." : "The request failed.",
        ["request_id"] = Guid.NewGuid().ToString(),
    };

    private static JsonObject ElevenLabsError(int status) => new()
    {
        ["detail"] = new JsonObject
        {
            ["status"] = status switch
            {
                401 => "invalid_api_key",
                403 => "missing_permissions",
                429 => "too_many_concurrent_requests",
                >= 500 => "internal_server_error",
                _ => "invalid_request",
            },
            ["message"] = status == 401 ? "Invalid API key" : "The request failed.",
        },
    };

    /// <summary>OpenAI's 401 quotes the start and end of the key it was sent, which is why adapters never pass a vendor's message on.</summary>
    private static JsonObject OpenAiError(int status, string? key) => new()
    {
        ["error"] = new JsonObject
        {
            ["message"] = status == 401 ? $"Incorrect API key provided: {Masked(key)}. You can find your API key at https://platform.openai.com/account/api-keys." : "The request failed.",
            ["type"] = status switch
            {
                429 => "requests",
                >= 500 => "server_error",
                _ => "invalid_request_error",
            },
            ["param"] = null,
            ["code"] = status switch
            {
                401 => "invalid_api_key",
                429 => "rate_limit_exceeded",
                _ => null,
            },
        },
    };

    private static string Masked(string? key) => key is { Length: > 8 } ? $"{key[..4]}****{key[^4..]}" : "****";

    private static async Task WriteErrorAsync(HttpContext context, int status, JsonObject error)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(error.ToJsonString(), context.RequestAborted);
    }

    private async Task ServeAsync(HttpContext context, FakeSpeechVendor vendor)
    {
        var aborted = context.RequestAborted;
        JsonObject? body = null;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: aborted) as JsonObject;
        }
        catch (JsonException)
        {
        }

        var exchange = new FakeSpeechExchange(
            vendor,
            context.Request.Path,
            context.Request.Query.ToDictionary(pair => pair.Key, pair => pair.Value.ToString()),
            context.Request.Headers.ToDictionary(pair => pair.Key.ToLowerInvariant(), pair => pair.Value.ToString()),
            body,
            context.Request.RouteValues["voiceId"] as string);
        _exchanges.Enqueue(exchange);
        _arrivals.Writer.TryWrite(exchange);

        if (Refusal(exchange, OpenAiKey) is { } refusal)
        {
            await WriteErrorAsync(context, refusal.Status, refusal.Error);
            exchange.End(FakeSpeechOutcome.Rejected);
            return;
        }

        var reply = _replies.TryDequeue(out var next) ? next : DefaultReply;
        if (reply.Status is { } status)
        {
            var error = vendor switch
            {
                FakeSpeechVendor.Deepgram => DeepgramError(status),
                FakeSpeechVendor.ElevenLabs => ElevenLabsError(status),
                _ => OpenAiError(status, OpenAiKey),
            };
            await WriteErrorAsync(context, status, error);
            exchange.End(FakeSpeechOutcome.Rejected);
            return;
        }

        try
        {
            exchange.End(await StreamAsync(context, vendor, reply, exchange));
        }
        catch (Exception e) when (e is IOException or OperationCanceledException || aborted.IsCancellationRequested)
        {
            exchange.End(FakeSpeechOutcome.ClientAborted);
        }
    }

    private static async Task<FakeSpeechOutcome> StreamAsync(HttpContext context, FakeSpeechVendor vendor, FakeSpeechReply reply, FakeSpeechExchange exchange)
    {
        var aborted = context.RequestAborted;
        if (reply.BeforeHeaders is { } beforeHeaders)
        {
            await beforeHeaders.WaitAsync(aborted);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = reply.ContentType ?? (vendor == FakeSpeechVendor.Deepgram ? "application/octet-stream" : "audio/pcm");
        await context.Response.StartAsync(aborted);
        await context.Response.Body.FlushAsync(aborted);
        if (reply.BeforeAudio is { } beforeAudio)
        {
            await beforeAudio.WaitAsync(aborted);
        }

        var sent = 0;
        for (var offset = 0; offset < reply.Audio.Length; offset += reply.ChunkBytes)
        {
            var take = Math.Min(reply.ChunkBytes, reply.Audio.Length - offset);
            if (reply.CutAfterBytes is { } cut && sent + take > cut)
            {
                await WriteAsync(context, reply.Audio.AsMemory(offset, cut - sent), exchange);
                context.Abort();
                return FakeSpeechOutcome.Cut;
            }

            await WriteAsync(context, reply.Audio.AsMemory(offset, take), exchange);
            sent += take;
            if (offset == 0 && reply.AfterFirstChunk is { } afterFirstChunk)
            {
                await afterFirstChunk.WaitAsync(aborted);
            }
            else if (reply.ChunkInterval > TimeSpan.Zero)
            {
                await Task.Delay(reply.ChunkInterval, aborted);
            }
        }

        if (reply.CutAfterBytes is { } cutAtEnd && sent >= cutAtEnd)
        {
            context.Abort();
            return FakeSpeechOutcome.Cut;
        }

        return aborted.IsCancellationRequested ? FakeSpeechOutcome.ClientAborted : FakeSpeechOutcome.Completed;
    }

    private static async Task WriteAsync(HttpContext context, ReadOnlyMemory<byte> audio, FakeSpeechExchange exchange)
    {
        if (audio.IsEmpty)
        {
            return;
        }

        await context.Response.Body.WriteAsync(audio, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        exchange.Sent(audio.Length);
    }
}

using System.Buffers;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Invorto.Application.Conversations.Providers;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Invorto.Infrastructure.Conversations.Providers.Synthesis;

/// <summary>
/// The HTTP half every streaming synthesizer shares: sends the request (headers only, the body is streamed), yields the
/// audio bytes as the network delivers them, and turns every way it can fail into one <see cref="ProviderException"/>
/// (401/403 Unauthorized, 429 RateLimited, 5xx, refused or cut connections Unavailable, other 4xx Protocol, no first
/// byte or a stalled stream Timeout). A refused connection or a 5xx is retried once, and only before any audio: once a
/// byte was yielded a retry would replay half a sentence. Stopping early (barge-in) aborts the request instead of
/// letting the handler drain the rest.
/// </summary>
internal sealed partial class SpeechHttpClient
{
    private const int ReadBufferBytes = 8192;
    private const int ErrorBodyBytes = 4096;
    private const int MaxAbortReads = 16;
    private const int MaxVendorCodeLength = 64;

    private readonly string _provider;
    private readonly HttpClient _http;
    private readonly SynthesisTimeouts _timeouts;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline<HttpResponseMessage> _retryBeforeAudio;

    public SpeechHttpClient(string provider, HttpClient http, SynthesisTimeouts timeouts, TimeProvider time, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(timeouts);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeouts.FirstByte, TimeSpan.Zero, nameof(timeouts));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeouts.Stall, TimeSpan.Zero, nameof(timeouts));
        _provider = provider;
        _http = http;
        _timeouts = timeouts;
        _time = time;
        _logger = logger;
        _retryBeforeAudio = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = 1,
                Delay = TimeSpan.Zero,
                BackoffType = DelayBackoffType.Constant,
                UseJitter = false,
                ShouldHandle = static args => ValueTask.FromResult(IsWorthRetrying(args.Outcome)),
                OnRetry = args =>
                {
                    LogRetrying(_logger, _provider, args.Outcome.Result is { } result ? $"HTTP {(int)result.StatusCode}" : "connection refused");
                    return default;
                },
            })
            .Build();
    }

    /// <summary>
    /// Streams the response body of the request <paramref name="createRequest"/> builds (called once per attempt). The
    /// yielded memory is reused for the next chunk: the caller consumes it before asking for more.
    /// </summary>
    public async IAsyncEnumerable<ReadOnlyMemory<byte>> StreamAsync(
        Func<HttpRequestMessage> createRequest,
        int characters,
        string format,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        LogStarting(_logger, _provider, characters, format);
        var started = _time.GetTimestamp();
        using var deadline = new CancellationTokenSource(_timeouts.FirstByte, _time);
        using var callerCancellation = cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), deadline);
        using var response = await SendAsync(createRequest, deadline, cancellationToken);
        var body = await OpenBodyAsync(response, deadline, cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(ReadBufferBytes);
        var finished = false;
        long total = 0;
        try
        {
            while (true)
            {
                var read = await ReadAsync(body, buffer, deadline, awaitingFirstByte: total == 0, (int)response.StatusCode, cancellationToken);
                if (read == 0)
                {
                    finished = true;
                    break;
                }

                if (total == 0)
                {
                    LogFirstAudio(_logger, _provider, _time.GetElapsedTime(started).TotalMilliseconds);
                }

                total += read;
                yield return buffer.AsMemory(0, read);
            }

            LogFinished(_logger, _provider, total, _time.GetElapsedTime(started).TotalMilliseconds);
        }
        finally
        {
            if (!finished)
            {
                LogAborting(_logger, _provider, total);
                await AbortAsync(body, buffer);
            }

            await body.DisposeAsync();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool IsWorthRetrying(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError }
        || outcome.Result is { StatusCode: >= System.Net.HttpStatusCode.InternalServerError };

    /// <summary>
    /// Disposing a response body that was not read to its end lets SocketsHttpHandler drain it (by default up to 1 MB
    /// for 2 s) to reuse the connection, while the provider goes on synthesising and billing. A read cancelled while it
    /// is pending makes the handler abort the connection (HTTP/1.1) or reset the stream (HTTP/2): the provider stops.
    /// </summary>
    private static async ValueTask AbortAsync(Stream body, byte[] scratch)
    {
        for (var attempt = 0; attempt < MaxAbortReads; attempt++)
        {
            using var abort = new CancellationTokenSource();
            var read = body.ReadAsync(scratch, abort.Token);
            if (!read.IsCompleted)
            {
                await abort.CancelAsync();
            }

            try
            {
                if (await read == 0)
                {
                    return;
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    private static bool IsAudio(MediaTypeHeaderValue? contentType) =>
        contentType?.MediaType is not { } mediaType
        || !(mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
             || mediaType.Contains("json", StringComparison.OrdinalIgnoreCase)
             || mediaType.Contains("xml", StringComparison.OrdinalIgnoreCase));

    /// <summary>The vendor's short error code (Deepgram <c>err_code</c>, OpenAI <c>error.code</c>/<c>error.type</c>, ElevenLabs <c>detail.status</c>); never its message, which may quote the key.</summary>
    private static string? VendorCode(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowTrailingCommas = true });
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var code = root.TryGetProperty("err_code", out var deepgram) ? StringOf(deepgram)
                : root.TryGetProperty("error", out var openAi) ? StringOf(openAi, "code") ?? StringOf(openAi, "type")
                : root.TryGetProperty("detail", out var elevenLabs) ? StringOf(elevenLabs, "status")
                : null;
            return code is { Length: > 0 and <= MaxVendorCodeLength } && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')
                ? code
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? StringOf(JsonElement element, string? property = null)
    {
        if (property is not null)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(property, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> createRequest, CancellationTokenSource deadline, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _retryBeforeAudio.ExecuteAsync(
                static (state, token) => new ValueTask<HttpResponseMessage>(state.Http.SendAsync(state.CreateRequest(), HttpCompletionOption.ResponseHeadersRead, token)),
                (Http: _http, CreateRequest: createRequest),
                deadline.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException)
        {
            throw Translate(e, deadline, awaitingFirstByte: true, statusCode: null, cancellationToken);
        }

        if (response.IsSuccessStatusCode && IsAudio(response.Content.Headers.ContentType))
        {
            return response;
        }

        using (response)
        {
            throw await RejectionAsync(response, deadline, cancellationToken);
        }
    }

    private async Task<Stream> OpenBodyAsync(HttpResponseMessage response, CancellationTokenSource deadline, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadAsStreamAsync(deadline.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException)
        {
            throw Translate(e, deadline, awaitingFirstByte: true, (int)response.StatusCode, cancellationToken);
        }
    }

    private async ValueTask<int> ReadAsync(Stream body, byte[] buffer, CancellationTokenSource deadline, bool awaitingFirstByte, int statusCode, CancellationToken cancellationToken)
    {
        if (!awaitingFirstByte)
        {
            deadline.CancelAfter(_timeouts.Stall);
        }

        int read;
        try
        {
            read = await body.ReadAsync(buffer, deadline.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException)
        {
            throw Translate(e, deadline, awaitingFirstByte, statusCode, cancellationToken);
        }

        deadline.CancelAfter(Timeout.InfiniteTimeSpan);
        if (deadline.IsCancellationRequested)
        {
            // The timer ran out just as the read completed: the provider was as slow as a timeout, so it counts as one.
            throw Translate(new OperationCanceledException(deadline.Token), deadline, awaitingFirstByte, statusCode, cancellationToken);
        }

        return read;
    }

    private Exception Translate(Exception error, CancellationTokenSource deadline, bool awaitingFirstByte, int? statusCode, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return new OperationCanceledException("The speech synthesis was cancelled.", error, cancellationToken);
        }

        if (deadline.IsCancellationRequested || error is OperationCanceledException)
        {
            var message = awaitingFirstByte
                ? $"{_provider} sent no audio within {_timeouts.FirstByte.TotalMilliseconds:0} ms."
                : $"{_provider} stopped sending audio for {_timeouts.Stall.TotalMilliseconds:0} ms.";
            return Failed(new ProviderException(_provider, ProviderFailureKind.Timeout, message, error) { StatusCode = statusCode });
        }

        var where = statusCode is null ? "could not be reached" : awaitingFirstByte ? "dropped the connection before any audio" : "dropped the connection mid-stream";
        return Failed(new ProviderException(_provider, ProviderFailureKind.Unavailable, $"{_provider} speech synthesis {where}.", error) { StatusCode = statusCode });
    }

    private async Task<Exception> RejectionAsync(HttpResponseMessage response, CancellationTokenSource deadline, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var code = await ReadVendorCodeAsync(response, deadline.Token);
        if (cancellationToken.IsCancellationRequested)
        {
            return new OperationCanceledException("The speech synthesis was cancelled.", cancellationToken);
        }

        if (response.IsSuccessStatusCode)
        {
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            return Failed(new ProviderException(_provider, ProviderFailureKind.Protocol, $"{_provider} answered {mediaType} instead of audio{(code is null ? "." : $" ({code}).")}") { StatusCode = status });
        }

        var kind = status switch
        {
            401 or 403 => ProviderFailureKind.Unauthorized,
            429 => ProviderFailureKind.RateLimited,
            >= 500 => ProviderFailureKind.Unavailable,
            _ => ProviderFailureKind.Protocol,
        };
        return Failed(new ProviderException(_provider, kind, $"{_provider} speech synthesis failed with HTTP {status}{(code is null ? "." : $" ({code}).")}") { StatusCode = status });
    }

    private static async Task<string?> ReadVendorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ErrorBodyBytes);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var length = await body.ReadAtLeastAsync(buffer.AsMemory(0, ErrorBodyBytes), ErrorBodyBytes, throwOnEndOfStream: false, cancellationToken);
            return VendorCode(buffer.AsSpan(0, length));
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private ProviderException Failed(ProviderException failure)
    {
        LogFailed(_logger, _provider, failure.Kind, failure.StatusCode);
        return failure;
    }
}

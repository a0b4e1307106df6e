using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Invorto.Application.Conversations.Providers;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Invorto.Infrastructure.Conversations.Providers.OpenAiAudio;

/// <summary>
/// Uploads one utterance to an OpenAI-compatible <c>/audio/transcriptions</c> endpoint as multipart/form-data. Each
/// attempt has its own timeout; a 5xx, a network error or a timed-out attempt is retried once (the upload is not
/// streamed, so a retry replays nothing the caller has seen). Failures become <see cref="ProviderException"/>s of
/// provider <c>openai</c>; no message carries the key or the server's error body.
/// </summary>
internal sealed class OpenAiTranscriptionClient
{
    public const string Provider = "openai";

    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly string? _apiKey;
    private readonly ResiliencePipeline<HttpResponseMessage> _attempts;

    public OpenAiTranscriptionClient(HttpClient http, string baseUrl, string? apiKey, OpenAiTranscriptionSettings settings, Action<int?, Exception?>? retrying = null)
    {
        _http = http;
        _endpoint = new Uri(baseUrl.TrimEnd('/') + "/audio/transcriptions", UriKind.Absolute);
        _apiKey = string.IsNullOrWhiteSpace(apiKey) ? null : apiKey.Trim();
        KeyIsMalformed = _apiKey?.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) == true;
        _attempts = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = 1,
                Delay = settings.RetryDelay,
                BackoffType = DelayBackoffType.Constant,
                UseJitter = false,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(response => (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout),
                OnRetry = arguments =>
                {
                    retrying?.Invoke((int?)arguments.Outcome.Result?.StatusCode, arguments.Outcome.Exception);
                    return default;
                },
            })
            .AddTimeout(settings.AttemptTimeout)
            .Build();
    }

    /// <summary>The key holds spaces or control characters: no header can carry it, and the error saying so would echo it.</summary>
    public bool KeyIsMalformed { get; }

    /// <returns>The recognised text (may be empty when the utterance held no words).</returns>
    public async Task<string> TranscribeAsync(OpenAiTranscriptionUtterance utterance, string model, string? language, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _attempts.ExecuteAsync(
                async token =>
                {
                    using var request = Request(utterance, model, language);
                    return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token);
                },
                cancellationToken);
        }
        catch (TimeoutRejectedException exception)
        {
            throw new ProviderException(Provider, ProviderFailureKind.Timeout, "The transcription endpoint did not answer in time.", exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ProviderException(Provider, ProviderFailureKind.Timeout, "The transcription request timed out.", exception);
        }
        catch (HttpRequestException exception)
        {
            throw new ProviderException(Provider, ProviderFailureKind.Unavailable, "The transcription endpoint could not be reached.", exception);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw Refused((int)response.StatusCode);
            }

            try
            {
                var answer = await response.Content.ReadFromJsonAsync(OpenAiTranscriptionJsonContext.Default.OpenAiTranscriptionResponse, cancellationToken);
                return answer?.Text?.Trim() ?? throw new JsonException("The answer has no text.");
            }
            catch (JsonException exception)
            {
                throw new ProviderException(Provider, ProviderFailureKind.Protocol, "The transcription endpoint answered something other than {\"text\": ...}.", exception);
            }
        }
    }

    /// <summary>The ISO-639-1 code whisper expects, from a locale (<c>en-IN</c> → <c>en</c>); null lets the server detect it.</summary>
    internal static string? TwoLetterLanguage(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return null;
        }

        var language = locale.Trim().Split('-', '_')[0].ToLowerInvariant();
        return language.Length == 2 && language.All(char.IsAsciiLetterLower) ? language : null;
    }

    private static ProviderException Refused(int status)
    {
        var kind = status switch
        {
            401 or 403 => ProviderFailureKind.Unauthorized,
            429 => ProviderFailureKind.RateLimited,
            408 => ProviderFailureKind.Timeout,
            >= 500 => ProviderFailureKind.Unavailable,
            _ => ProviderFailureKind.Protocol,
        };
        return new ProviderException(Provider, kind, $"The transcription endpoint answered HTTP {status}.") { StatusCode = status };
    }

    private HttpRequestMessage Request(OpenAiTranscriptionUtterance utterance, string model, string? language)
    {
        var file = new ByteArrayContent(utterance.Buffer, 0, utterance.WavBytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        var form = new MultipartFormDataContent
        {
            { file, "file", "utterance.wav" },
            { new StringContent(model), "model" },
            { new StringContent("json"), "response_format" },
        };
        if (language is not null)
        {
            form.Add(new StringContent(language), "language");
        }

        var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = form };
        if (_apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        }

        return request;
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Invorto.Testing.Providers;

namespace Invorto.Bench.Offline.Calls;

/// <summary>
/// Instant cloud providers on 127.0.0.1, speaking the real wire formats (the test fakes of <c>Invorto.Testing</c>):
/// Deepgram's listen WebSocket, which sends a call's final transcript (<c>is_final</c>, <c>speech_final</c>, then
/// <c>UtteranceEnd</c>) as soon as the caller's voice ends; an OpenAI chat server that streams a one-sentence answer; an
/// ElevenLabs speech server that streams 200 ms of audio. <see cref="ProbeAsync"/> times the fakes as a bare client sees
/// them, which is what the turn overhead subtracts.
/// </summary>
public sealed class CloudFakes : IAsyncDisposable
{
    public const string DeepgramKey = "dg-bench-key-0123456789";
    public const string OpenAiKey = "sk-bench-0123456789";
    public const string VoiceId = "21m00Tcm4TlvDq8ikWAM";

    private readonly ConcurrentDictionary<CallSession, FakeDeepgramListenConnection> _listens = new();

    private CloudFakes(FakeDeepgramListenServer deepgram, FakeOpenAiChatServer chat, FakeSpeechServer speech)
    {
        Deepgram = deepgram;
        Chat = chat;
        Speech = speech;
    }

    public FakeDeepgramListenServer Deepgram { get; }

    public FakeOpenAiChatServer Chat { get; }

    public FakeSpeechServer Speech { get; }

    /// <summary>The operator variables that point the platform's keys at the fakes.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["DEEPGRAM_API_KEY"] = DeepgramKey,
        ["DEEPGRAM_BASE_URL"] = Deepgram.BaseUrl,
        ["OPENAI_API_KEY"] = OpenAiKey,
        ["OPENAI_BASE_URL"] = Chat.BaseUrl.ToString(),
        ["ELEVENLABS_API_KEY"] = FakeSpeechServer.ApiKey,
        ["ELEVENLABS_BASE_URL"] = Speech.BaseUrl.ToString().TrimEnd('/'),
    };

    public static async Task<CloudFakes> StartAsync()
    {
        var deepgram = await FakeDeepgramListenServer.StartAsync(DeepgramKey);
        var chat = await FakeOpenAiChatServer.StartAsync();
        var speech = await FakeSpeechServer.StartAsync();
        speech.DefaultReply = FakeSpeechReply.Streaming(new byte[6400]);
        return new CloudFakes(deepgram, chat, speech);
    }

    /// <summary>Pairs a call that just got <c>ready</c> with the listen socket its recognizer opened.</summary>
    public async Task PairAsync(CallSession session, CancellationToken cancellationToken)
    {
        var connection = await Deepgram.NextConnectionAsync(TimeSpan.FromSeconds(10)).WaitAsync(cancellationToken);
        _listens[session] = connection;
    }

    /// <summary>The caller's voice ended: the recognizer's final result, at once.</summary>
    public void OnVoicedEnd(CallSession session)
    {
        if (_listens.TryGetValue(session, out var connection) && session.Turns.Phrase is { } phrase)
        {
            _ = SendFinalAsync(connection, phrase);
        }
    }

    /// <summary>Median time, over <paramref name="rounds"/> requests each, for the chat answer to end and for the voice's first audio.</summary>
    public async Task<(double ChatMs, double SpeechFirstAudioMs)> ProbeAsync(int rounds, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var chat = new List<double>();
        var speech = new List<double>();
        var buffer = new byte[16 * 1024];
        for (var i = 0; i < rounds + 3; i++)
        {
            using var chatRequest = new HttpRequestMessage(HttpMethod.Post, new Uri(Chat.BaseUrl + "/chat/completions"))
            {
                Content = new StringContent("""{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"book a meeting"}]}""", Encoding.UTF8, "application/json"),
                Headers = { Authorization = new AuthenticationHeaderValue("Bearer", OpenAiKey) },
            };
            var clock = Stopwatch.StartNew();
            using (var response = await http.SendAsync(chatRequest, HttpCompletionOption.ResponseHeadersRead, cancellationToken))
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                while (await body.ReadAsync(buffer, cancellationToken) > 0)
                {
                }
            }

            var chatMs = clock.Elapsed.TotalMilliseconds;
            using var speechRequest = new HttpRequestMessage(HttpMethod.Post, new Uri(Speech.BaseUrl, $"/v1/text-to-speech/{VoiceId}/stream?output_format=pcm_16000"))
            {
                Content = new StringContent("""{"text":"Hello from the fake.","model_id":"eleven_flash_v2_5"}""", Encoding.UTF8, "application/json"),
                Headers = { { "xi-api-key", FakeSpeechServer.ApiKey } },
            };
            clock.Restart();
            using (var response = await http.SendAsync(speechRequest, HttpCompletionOption.ResponseHeadersRead, cancellationToken))
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                var read = await body.ReadAsync(buffer, cancellationToken);
                var speechMs = clock.Elapsed.TotalMilliseconds;
                while (read > 0)
                {
                    read = await body.ReadAsync(buffer, cancellationToken);
                }

                if (i >= 3)
                {
                    chat.Add(chatMs);
                    speech.Add(speechMs);
                }
            }
        }

        return (Median(chat), Median(speech));
    }

    public async ValueTask DisposeAsync()
    {
        await Deepgram.DisposeAsync();
        await Chat.DisposeAsync();
        await Speech.DisposeAsync();
    }

    private static async Task SendFinalAsync(FakeDeepgramListenConnection connection, string phrase)
    {
        try
        {
            await connection.SendResultsAsync(phrase, isFinal: true, confidence: 0.98, speechFinal: true);
            await connection.SendUtteranceEndAsync();
        }
        catch (Exception ex) when (ex is System.Net.WebSockets.WebSocketException or ObjectDisposedException or IOException or InvalidOperationException)
        {
            Console.WriteLine($"  fake Deepgram could not answer: {ex.Message}");
        }
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count == 0 ? 0 : values[values.Count / 2];
    }
}

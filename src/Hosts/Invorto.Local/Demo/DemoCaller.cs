using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations.Providers;
using Invorto.Infrastructure.Conversations.Providers.Espeak;

namespace Invorto.Local.Demo;

/// <summary>
/// The simulated caller on the realtime client protocol (<c>/realtime/voice</c>): it says its lines with eSpeak NG at
/// 16 kHz in 20 ms frames at a real caller's pace, each followed by a second of silence, and records every message the
/// platform sends with the time it arrived, and both sides' audio on one clock.
/// </summary>
internal sealed class DemoCaller : IAsyncDisposable
{
    public const int SampleRate = 16000;
    private const int FrameBytes = SampleRate / 50 * 2;
    private const double VoicedRms = 300;
    private static readonly TimeSpan AgentDoneAfter = TimeSpan.FromMilliseconds(700);
    private static readonly TimeSpan TrailingSilence = TimeSpan.FromSeconds(1);
    private static readonly VoiceSettings CallerVoice = new() { Provider = EspeakSynthesizer.ProviderName, VoiceId = "en-us" };

    private readonly ClientWebSocket _socket;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly List<(long At, string Kind, JsonElement Message)> _messages = [];
    private readonly List<long> _agentFrames = [];
    private readonly Lock _gate = new();
    private readonly long _origin = Stopwatch.GetTimestamp();
    private Task _receiving = Task.CompletedTask;

    private DemoCaller(ClientWebSocket socket)
    {
        _socket = socket;
        CallerAudio = new AudioTrack(_origin, SampleRate);
        AgentAudio = new AudioTrack(_origin, SampleRate);
    }

    public AudioTrack CallerAudio { get; }

    public AudioTrack AgentAudio { get; }

    public Guid CallId { get; private set; }

    public string? EndReason => Last("end") is { } end && end.TryGetProperty("reason", out var reason) ? reason.GetString() : null;

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages.Where(m => m.Kind == "error").Select(m => m.Message.GetRawText())];
            }
        }
    }

    /// <summary>Opens the socket with the tenant key as its subprotocol, sends <c>start</c> for the agent and waits for <c>ready</c>.</summary>
    public static async Task<DemoCaller> CallAsync(Uri voice, string apiKey, Guid agentId, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(apiKey);
        var caller = new DemoCaller(socket);
        try
        {
            await socket.ConnectAsync(voice, cancellationToken);
            caller._receiving = caller.ReceiveAsync();
            var start = JsonSerializer.Serialize(new { t = "start", agentId, sampleRate = SampleRate });
            await caller.SendAsync(Encoding.UTF8.GetBytes(start), WebSocketMessageType.Text, cancellationToken);
            var (_, ready) = await caller.WaitForMessageAsync("ready", after: 0, "the call to start (ready)", cancellationToken);
            caller.CallId = ready.GetProperty("callId").GetGuid();
            return caller;
        }
        catch
        {
            await caller.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until the agent has spoken after <paramref name="after"/> and then been quiet for a moment.</summary>
    public async Task WaitForAgentToFinishAsync(long after, CancellationToken cancellationToken)
    {
        await WaitUntilAsync(() => FirstAgentFrameAfter(after) is not null, "the agent to speak", cancellationToken);
        await WaitUntilAsync(() => Stopwatch.GetElapsedTime(LastAgentFrame()) >= AgentDoneAfter, "the agent to finish speaking", cancellationToken);
    }

    /// <summary>Says one line and waits for its recognition and the agent's first audio; the times are this client's.</summary>
    public async Task<CallerTurn> SayAsync(string line, CancellationToken cancellationToken)
    {
        var speech = await SynthesizeAsync(line, cancellationToken);
        var lastVoiced = LastVoicedFrame(speech);
        var audio = new byte[speech.Length - speech.Length % FrameBytes + (int)(TrailingSilence.TotalSeconds * SampleRate) * 2];
        speech.AsSpan(0, speech.Length - speech.Length % FrameBytes).CopyTo(audio);
        var began = Stopwatch.GetTimestamp();
        var lastVoicedSentAt = began;
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        for (var frame = 0; frame * FrameBytes < audio.Length; frame++)
        {
            var payload = audio.AsMemory(frame * FrameBytes, FrameBytes);
            await SendAsync(payload, WebSocketMessageType.Binary, cancellationToken);
            var sentAt = Stopwatch.GetTimestamp();
            CallerAudio.Add(sentAt, payload.Span);
            if (frame <= lastVoiced)
            {
                lastVoicedSentAt = sentAt;
            }

            await pace.WaitForNextTickAsync(cancellationToken);
        }

        var (finalAt, final) = await WaitForMessageAsync("stt.final", began, $"the recognition of \"{line}\" (stt.final)", cancellationToken);
        await WaitUntilAsync(() => FirstAgentFrameAfter(finalAt) is not null, $"the agent's answer to \"{line}\"", cancellationToken);
        var firstAudio = FirstAgentFrameAfter(finalAt)!.Value;
        return new CallerTurn(
            line,
            final.GetProperty("text").GetString() ?? string.Empty,
            final.TryGetProperty("confidence", out var confidence) ? confidence.GetDouble() : null,
            Milliseconds(lastVoicedSentAt, finalAt),
            Milliseconds(lastVoicedSentAt, firstAudio),
            firstAudio);
    }

    /// <summary>Waits for the platform's <c>end</c> (the agent hangs up after its goodbye) and the socket's close.</summary>
    public async Task WaitForEndAsync(CancellationToken cancellationToken)
    {
        await WaitForMessageAsync("end", after: 0, "the call to end", cancellationToken);
        await _receiving.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "demo over", closing.Token);
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
                _socket.Abort();
            }
        }

        try
        {
            await _receiving.WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (TimeoutException)
        {
            _socket.Abort();
        }

        _socket.Dispose();
        _sending.Dispose();
    }

    private static async Task<byte[]> SynthesizeAsync(string line, CancellationToken cancellationToken)
    {
        using var audio = new MemoryStream();
        var request = new SpeechRequest(Guid.NewGuid(), line, CallerVoice, SampleRate);
        await foreach (var chunk in new EspeakSynthesizer("en-US").SynthesizeAsync(request, cancellationToken))
        {
            audio.Write(chunk.Span);
        }

        return audio.ToArray();
    }

    private static int LastVoicedFrame(byte[] speech)
    {
        for (var frame = speech.Length / FrameBytes - 1; frame >= 0; frame--)
        {
            if (Rms(speech.AsSpan(frame * FrameBytes, FrameBytes)) > VoicedRms)
            {
                return frame;
            }
        }

        return -1;
    }

    private static double Rms(ReadOnlySpan<byte> pcm)
    {
        double sum = 0;
        var samples = pcm.Length / 2;
        for (var i = 0; i < samples; i++)
        {
            double sample = (short)(pcm[2 * i] | pcm[2 * i + 1] << 8);
            sum += sample * sample;
        }

        return samples == 0 ? 0 : Math.Sqrt(sum / samples);
    }

    private static double Milliseconds(long from, long to) => Math.Round(Stopwatch.GetElapsedTime(from, to).TotalMilliseconds, 1);

    private long? FirstAgentFrameAfter(long at)
    {
        lock (_gate)
        {
            var index = _agentFrames.FindIndex(frame => frame > at);
            return index < 0 ? null : _agentFrames[index];
        }
    }

    private long LastAgentFrame()
    {
        lock (_gate)
        {
            return _agentFrames.Count == 0 ? _origin : _agentFrames[^1];
        }
    }

    private JsonElement? Last(string kind)
    {
        lock (_gate)
        {
            return _messages.LastOrDefault(m => m.Kind == kind).Message is { ValueKind: not JsonValueKind.Undefined } last ? last : null;
        }
    }

    private async Task<(long At, JsonElement Message)> WaitForMessageAsync(string kind, long after, string what, CancellationToken cancellationToken)
    {
        (long At, JsonElement Message)? found = null;
        await WaitUntilAsync(
            () =>
            {
                lock (_gate)
                {
                    var index = _messages.FindIndex(m => m.Kind == kind && m.At > after);
                    found = index < 0 ? null : (_messages[index].At, _messages[index].Message);
                    return found is not null;
                }
            },
            what,
            cancellationToken);
        return found!.Value;
    }

    private async Task WaitUntilAsync(Func<bool> condition, string what, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            if (_receiving.IsCompleted && !condition())
            {
                throw new DemoFailedException($"The realtime socket closed ({_socket.CloseStatus?.ToString() ?? "no close frame"} {_socket.CloseStatusDescription}) while waiting for {what}.");
            }

            try
            {
                await Task.Delay(10, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw new DemoFailedException($"Timed out waiting for {what}.");
            }
        }
    }

    private async ValueTask SendAsync(ReadOnlyMemory<byte> payload, WebSocketMessageType type, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(payload, type, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
                    count += result.Count;
                }
                while (!result.EndOfMessage && count < buffer.Length);

                var at = Stopwatch.GetTimestamp();
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    AgentAudio.Add(at, buffer.AsSpan(0, count));
                    lock (_gate)
                    {
                        _agentFrames.Add(at);
                    }

                    continue;
                }

                using var document = JsonDocument.Parse(buffer.AsMemory(0, count));
                var message = document.RootElement.Clone();
                var kind = message.TryGetProperty("t", out var t) ? t.GetString() ?? string.Empty : string.Empty;
                lock (_gate)
                {
                    _messages.Add((at, kind, message));
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or ObjectDisposedException or JsonException)
        {
            // The socket went away; what arrived is recorded.
        }
    }
}

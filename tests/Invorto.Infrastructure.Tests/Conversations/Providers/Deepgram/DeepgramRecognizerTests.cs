using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Threading.Channels;
using Invorto.Application.Conversations.Providers;
using Invorto.Infrastructure.Conversations.Providers.Deepgram;
using Invorto.Testing.Providers;

namespace Invorto.Infrastructure.Tests.Conversations.Providers.Deepgram;

public sealed class DeepgramRecognizerTests : IAsyncLifetime
{
    private const int SampleRate = 16000;
    private const int FrameBytes = 640;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private FakeDeepgramListenServer _deepgram = null!;

    public async Task InitializeAsync() => _deepgram = await FakeDeepgramListenServer.StartAsync();

    public async Task DisposeAsync() => await _deepgram.DisposeAsync();

    [Fact]
    public async Task Partials_then_the_final_arrive_in_order()
    {
        await using var stream = Recognizer().Start(Options());
        stream.Write(Frame());
        var connection = await _deepgram.NextConnectionAsync();

        await connection.SendSpeechStartedAsync();
        await connection.SendResultsAsync("Hello", isFinal: false, confidence: 0.61);
        await connection.SendResultsAsync("Hello wor", isFinal: false, confidence: 0.72);
        await connection.SendResultsAsync("Hello world.", isFinal: true, confidence: 0.98, speechFinal: true);
        await connection.SendUtteranceEndAsync();
        var results = await RecognitionResults.ReadAsync(stream.Results, 3);

        results.ShouldBe([new RecognitionResult("Hello", false, 0.61), new RecognitionResult("Hello wor", false, 0.72), new RecognitionResult("Hello world.", true, 0.98)]);
    }

    [Fact]
    public async Task Empty_transcripts_are_not_emitted()
    {
        await using var stream = Recognizer().Start(Options());
        var connection = await _deepgram.NextConnectionAsync();

        await connection.SendResultsAsync(string.Empty, isFinal: false);
        await connection.SendResultsAsync(" ", isFinal: true);
        await connection.SendResultsAsync("Yes.", isFinal: true, confidence: 0.9);
        var results = await RecognitionResults.ReadAsync(stream.Results, 1);

        results.ShouldBe([new RecognitionResult("Yes.", true, 0.9)]);
    }

    [Fact]
    public async Task The_upgrade_carries_the_token_and_the_model_language_and_sample_rate()
    {
        await using var stream = Recognizer().Start(Options(model: "nova-2-phonecall", language: "hi", sampleRate: 8000));
        await _deepgram.NextConnectionAsync();

        _deepgram.Upgrades.TryDequeue(out var upgrade).ShouldBeTrue();
        upgrade.Authorization.ShouldBe("Token " + _deepgram.ApiKey);
        upgrade.Query["model"].ShouldBe("nova-2-phonecall");
        upgrade.Query["language"].ShouldBe("hi");
        upgrade.Query["sample_rate"].ShouldBe("8000");
        upgrade.Query["encoding"].ShouldBe("linear16");
        upgrade.Query["channels"].ShouldBe("1");
        upgrade.Query["interim_results"].ShouldBe("true");
        upgrade.Query["utterance_end_ms"].ShouldBe("1000");
        upgrade.Query["vad_events"].ShouldBe("true");
        upgrade.Query["punctuate"].ShouldBe("true");
        upgrade.Query["smart_format"].ShouldBe("true");
    }

    [Fact]
    public async Task Every_written_byte_reaches_Deepgram_as_binary_frames()
    {
        var stream = (DeepgramRecognitionStream)Recognizer().Start(Options());
        var speech = ToneBurstAudio.Tone(TimeSpan.FromSeconds(1), SampleRate);

        foreach (var frame in ToneBurstAudio.Frames(speech, SampleRate))
        {
            stream.Write(frame);
        }

        var connection = await _deepgram.NextConnectionAsync();
        await connection.WaitForAudioAsync(speech.Length);
        await stream.DisposeAsync();
        connection.AudioBytes.ShouldBe(speech.Length);
        stream.SentAudioBytes.ShouldBe(speech.Length);
        stream.DroppedBytes.ShouldBe(0);
    }

    [Fact]
    public async Task KeepAlive_goes_out_while_no_audio_flows()
    {
        await using var stream = Recognizer(new DeepgramListenSettings { KeepAliveInterval = TimeSpan.FromMilliseconds(50) }).Start(Options());
        var connection = await _deepgram.NextConnectionAsync();

        await connection.WaitForControlMessageAsync("KeepAlive");

        connection.AudioBytes.ShouldBe(0);
    }

    [Fact]
    public async Task Dispose_sends_CloseStream_delivers_the_last_finals_and_closes_with_a_handshake()
    {
        var stream = Recognizer().Start(Options());
        stream.Write(Frame());
        var connection = await _deepgram.NextConnectionAsync();
        connection.ResultsOnCloseStream.Enqueue(("last words", true, 0.9));

        await stream.DisposeAsync();

        (await RecognitionResults.DrainAsync(stream.Results)).ShouldBe([new RecognitionResult("last words", true, 0.9)]);
        connection.ControlMessages.Last().ShouldBe("CloseStream");
        var end = await connection.Ended.WaitAsync(Patience);
        end.ClientSentClose.ShouldBeTrue();
        end.ClientCloseStatus.ShouldBe(WebSocketCloseStatus.NormalClosure);
        end.HandshakeCompleted.ShouldBeTrue();
    }

    [Fact]
    public async Task Dispose_closes_the_socket_itself_when_Deepgram_stays_silent_after_CloseStream()
    {
        _deepgram.AnswerCloseStream = false;
        var stream = Recognizer(new DeepgramListenSettings { FinalResultsTimeout = TimeSpan.FromMilliseconds(100), CloseHandshakeTimeout = TimeSpan.FromSeconds(5) }).Start(Options());
        var connection = await _deepgram.NextConnectionAsync();

        await stream.DisposeAsync();

        (await RecognitionResults.DrainAsync(stream.Results)).ShouldBeEmpty();
        connection.ControlMessages.ShouldContain("CloseStream");
        var end = await connection.Ended.WaitAsync(Patience);
        end.ClientSentClose.ShouldBeTrue();
        end.HandshakeCompleted.ShouldBeTrue();
    }

    [Fact]
    public async Task A_refused_key_fails_the_results_with_Unauthorized_and_no_key_in_the_message()
    {
        await using var stream = new DeepgramRecognizer("wrong-secret-key", _deepgram.BaseUrl).Start(Options());

        var failure = await Should.ThrowAsync<ProviderException>(() => RecognitionResults.DrainAsync(stream.Results));

        failure.Provider.ShouldBe("deepgram");
        failure.Kind.ShouldBe(ProviderFailureKind.Unauthorized);
        failure.StatusCode.ShouldBe(401);
        failure.ToString().ShouldNotContain("wrong-secret-key");
    }

    [Fact]
    public async Task Without_a_key_the_stream_fails_at_once_without_connecting()
    {
        await using var stream = new DeepgramRecognizer(null, _deepgram.BaseUrl).Start(Options());

        var failure = await Should.ThrowAsync<ProviderException>(() => RecognitionResults.DrainAsync(stream.Results));

        failure.Kind.ShouldBe(ProviderFailureKind.Unauthorized);
        _deepgram.Upgrades.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_key_no_header_can_carry_fails_at_once_without_echoing_it()
    {
        await using var stream = new DeepgramRecognizer("dg-secret\r\nX-Injected: 1", _deepgram.BaseUrl).Start(Options());

        var failure = await Should.ThrowAsync<ProviderException>(() => RecognitionResults.DrainAsync(stream.Results));

        failure.Kind.ShouldBe(ProviderFailureKind.Unauthorized);
        failure.ToString().ShouldNotContain("dg-secret");
        _deepgram.Upgrades.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(429, ProviderFailureKind.RateLimited)]
    [InlineData(503, ProviderFailureKind.Unavailable)]
    [InlineData(400, ProviderFailureKind.Protocol)]
    public async Task A_refused_upgrade_maps_its_status_to_the_failure_kind(int status, ProviderFailureKind kind)
    {
        _deepgram.RefuseWithStatus = status;
        await using var stream = Recognizer().Start(Options());

        var failure = await Should.ThrowAsync<ProviderException>(() => RecognitionResults.DrainAsync(stream.Results));

        failure.Kind.ShouldBe(kind);
        failure.StatusCode.ShouldBe(status);
    }

    [Fact]
    public async Task A_refused_connection_is_Unavailable()
    {
        var closedPort = ClosedPort();
        await using var stream = new DeepgramRecognizer(_deepgram.ApiKey, $"ws://127.0.0.1:{closedPort}").Start(Options());

        var failure = await Should.ThrowAsync<ProviderException>(() => RecognitionResults.DrainAsync(stream.Results));

        failure.Kind.ShouldBe(ProviderFailureKind.Unavailable);
        failure.StatusCode.ShouldBeNull();
    }

    [Fact]
    public async Task A_socket_dropped_mid_stream_is_Unavailable_after_the_results_so_far()
    {
        await using var stream = Recognizer().Start(Options());
        var connection = await _deepgram.NextConnectionAsync();
        await connection.SendResultsAsync("so far", isFinal: true);
        (await RecognitionResults.ReadAsync(stream.Results, 1)).Single().Text.ShouldBe("so far");

        connection.Drop();
        var failure = await Should.ThrowAsync<ProviderException>(() => RecognitionResults.DrainAsync(stream.Results));

        failure.Kind.ShouldBe(ProviderFailureKind.Unavailable);
    }

    [Theory]
    [InlineData(WebSocketCloseStatus.InternalServerError, "NET-0000", ProviderFailureKind.Unavailable)]
    [InlineData(WebSocketCloseStatus.InternalServerError, "NET-0001", ProviderFailureKind.Timeout)]
    [InlineData(WebSocketCloseStatus.PolicyViolation, "DATA-0000", ProviderFailureKind.Protocol)]
    public async Task Deepgram_closing_the_stream_unasked_is_a_failure_named_by_its_close_status(WebSocketCloseStatus status, string reason, ProviderFailureKind kind)
    {
        await using var stream = Recognizer().Start(Options());
        var connection = await _deepgram.NextConnectionAsync();

        await connection.CloseAsync(status, reason);
        var failure = await Should.ThrowAsync<ProviderException>(() => RecognitionResults.DrainAsync(stream.Results));

        failure.Kind.ShouldBe(kind);
        failure.Message.ShouldContain(reason);
        (await connection.Ended.WaitAsync(Patience)).HandshakeCompleted.ShouldBeTrue();
    }

    [Fact]
    public async Task A_message_that_is_not_json_is_a_Protocol_failure()
    {
        await using var stream = Recognizer().Start(Options());
        var connection = await _deepgram.NextConnectionAsync();

        await connection.SendTextAsync("<html>not deepgram</html>");
        var failure = await Should.ThrowAsync<ProviderException>(() => RecognitionResults.DrainAsync(stream.Results));

        failure.Kind.ShouldBe(ProviderFailureKind.Protocol);
    }

    [Fact]
    public async Task A_slow_upgrade_keeps_the_early_audio_and_delivers_it_once_connected()
    {
        _deepgram.HoldUpgrades();
        var stream = (DeepgramRecognitionStream)Recognizer().Start(Options());
        await _deepgram.UpgradeRequested.WaitAsync(Patience);
        var speech = ToneBurstAudio.Tone(TimeSpan.FromMilliseconds(500), SampleRate);
        foreach (var frame in ToneBurstAudio.Frames(speech, SampleRate))
        {
            stream.Write(frame);
        }

        _deepgram.ReleaseUpgrades();
        var connection = await _deepgram.NextConnectionAsync();
        await connection.WaitForAudioAsync(speech.Length);
        await stream.DisposeAsync();

        connection.AudioBytes.ShouldBe(speech.Length);
        stream.DroppedBytes.ShouldBe(0);
    }

    [Fact]
    public async Task An_upgrade_that_never_completes_times_out()
    {
        _deepgram.HoldUpgrades();
        await using var stream = Recognizer(new DeepgramListenSettings { ConnectTimeout = TimeSpan.FromMilliseconds(200) }).Start(Options());

        var failure = await Should.ThrowAsync<ProviderException>(() => RecognitionResults.DrainAsync(stream.Results));

        failure.Kind.ShouldBe(ProviderFailureKind.Timeout);
    }

    [Fact]
    public async Task Audio_beyond_the_buffer_is_dropped_and_counted_while_the_upgrade_waits()
    {
        _deepgram.HoldUpgrades();
        var stream = (DeepgramRecognitionStream)Recognizer(new DeepgramListenSettings { MaxBufferedAudio = TimeSpan.FromMilliseconds(100) }).Start(Options());
        await _deepgram.UpgradeRequested.WaitAsync(Patience);

        for (var i = 0; i < 50; i++)
        {
            stream.Write(Frame());
        }

        stream.DroppedBytes.ShouldBe(45 * FrameBytes);
        _deepgram.ReleaseUpgrades();
        var connection = await _deepgram.NextConnectionAsync();
        await connection.WaitForAudioAsync(5 * FrameBytes);
        await stream.DisposeAsync();
        connection.AudioBytes.ShouldBe(5 * FrameBytes);
    }

    [Fact]
    public async Task Write_never_blocks_on_a_stalled_socket_and_counts_what_it_drops()
    {
        _deepgram.StallReading = true;
        var stream = (DeepgramRecognitionStream)Recognizer(new DeepgramListenSettings { MaxBufferedAudio = TimeSpan.FromMilliseconds(200) }).Start(Options());
        var connection = await _deepgram.NextConnectionAsync();
        var frame = Frame();
        const int frames = 100_000;

        // 64 MB is more than the loopback socket buffers and Kestrel's request buffer can hold: the socket must stall.
        await Task.Run(() =>
        {
            for (var i = 0; i < frames; i++)
            {
                stream.Write(frame);
            }
        }).WaitAsync(TimeSpan.FromSeconds(60));

        stream.DroppedBytes.ShouldBeGreaterThan(0);
        connection.ResumeReading();
        await stream.DisposeAsync();
        (await connection.Ended.WaitAsync(Patience)).HandshakeCompleted.ShouldBeTrue();
        connection.AudioBytes.ShouldBe(((long)frames * FrameBytes) - stream.DroppedBytes);
    }

    private static RecognitionOptions Options(string model = "nova-3", string language = "en-IN", int sampleRate = SampleRate) =>
        new(Guid.NewGuid(), "deepgram", model, language, sampleRate);

    private static byte[] Frame() => ToneBurstAudio.Tone(TimeSpan.FromMilliseconds(20), SampleRate);

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private DeepgramRecognizer Recognizer(DeepgramListenSettings? settings = null) =>
        new(_deepgram.ApiKey, _deepgram.BaseUrl, settings: settings);
}

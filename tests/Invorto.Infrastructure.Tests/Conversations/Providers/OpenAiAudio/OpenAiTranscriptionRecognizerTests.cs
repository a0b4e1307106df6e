using System.Threading.Channels;
using Invorto.Application.Audio;
using Invorto.Application.Conversations.Providers;
using Invorto.Infrastructure.Conversations.Providers.OpenAiAudio;
using Invorto.Testing.Providers;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Infrastructure.Tests.Conversations.Providers.OpenAiAudio;

public sealed class OpenAiTranscriptionRecognizerTests : IAsyncLifetime
{
    private const int SampleRate = 16000;
    private const string Key = "sk-test-transcription-key";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private FakeTranscriptionServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeTranscriptionServer.StartAsync(Key);
        _http = new HttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Two_utterances_separated_by_silence_make_two_uploads_and_two_finals()
    {
        _server.Answer(TranscriptionAnswer.Text("first words"), TranscriptionAnswer.Text("second words"));
        var stream = Recognizer().Start(Options());

        Speak(stream, Tone(600), Silence(800), Tone(600), Silence(800));
        var results = await RecognitionResults.ReadAsync(stream.Results, 2);
        await stream.DisposeAsync();

        results.ShouldBe([new RecognitionResult("first words", true, 0.9), new RecognitionResult("second words", true, 0.9)]);
        (await RecognitionResults.DrainAsync(stream.Results)).ShouldBeEmpty();
        _server.Requests.ShouldBe(2);
    }

    [Theory]
    [InlineData(16000)]
    [InlineData(8000)]
    public async Task The_upload_is_a_pcm16_wav_of_the_speech_and_its_closing_silence_with_the_model_language_and_json_format(int sampleRate)
    {
        await using var stream = Recognizer().Start(Options(model: "whisper-large-v3", language: "en-IN", sampleRate: sampleRate));

        Speak(stream, sampleRate, Tone(600, sampleRate), Silence(500, sampleRate));
        await RecognitionResults.ReadAsync(stream.Results, 1);

        _server.Uploads.TryDequeue(out var upload).ShouldBeTrue();
        upload.Authorization.ShouldBe("Bearer " + Key);
        upload.Model.ShouldBe("whisper-large-v3");
        upload.Language.ShouldBe("en");
        upload.ResponseFormat.ShouldBe("json");
        upload.FileName.ShouldBe("utterance.wav");
        upload.FileContentType.ShouldBe("audio/wav");
        var wav = upload.Wav;
        wav.HeaderIsConsistent.ShouldBeTrue();
        (wav.AudioFormat, wav.Channels, wav.SampleRate, wav.ByteRate, wav.BlockAlign, wav.BitsPerSample).ShouldBe((1, 1, sampleRate, sampleRate * 2, 2, 16));
        wav.Duration.ShouldBe(TimeSpan.FromMilliseconds(600 + 400));
    }

    [Fact]
    public async Task The_pre_roll_before_the_onset_is_sent_with_the_speech()
    {
        await using var stream = Recognizer().Start(Options());
        var quiet = ToneBurstAudio.Tone(TimeSpan.FromMilliseconds(300), SampleRate, amplitude: 40);

        Speak(stream, quiet, Tone(600), Silence(500));
        await RecognitionResults.ReadAsync(stream.Results, 1);

        _server.Uploads.TryDequeue(out var upload).ShouldBeTrue();
        upload.Wav.Duration.ShouldBe(TimeSpan.FromMilliseconds(200 + 600 + 400));
        var preRoll = upload.Wav.Pcm.AsSpan(0, Pcm16.BytesPerFrame(SampleRate, 200));
        preRoll.SequenceEqual(quiet.AsSpan(quiet.Length - preRoll.Length)).ShouldBeTrue();
        Pcm16.RmsDbfs(upload.Wav.Pcm.AsSpan(preRoll.Length, Pcm16.BytesPerFrame(SampleRate, 600))).ShouldBeGreaterThan(-30);
    }

    [Fact]
    public async Task A_server_error_is_retried_once_and_then_the_text_arrives()
    {
        _server.Answer(TranscriptionAnswer.Failure(500), TranscriptionAnswer.Text("after a retry"));
        await using var stream = Recognizer().Start(Options());

        Speak(stream, Tone(600), Silence(500));
        var results = await RecognitionResults.ReadAsync(stream.Results, 1);

        results.ShouldBe([new RecognitionResult("after a retry", true, 0.9)]);
        _server.Requests.ShouldBe(2);
    }

    [Fact]
    public async Task A_second_server_error_fails_the_stream_with_Unavailable()
    {
        _server.Answer(TranscriptionAnswer.Failure(503), TranscriptionAnswer.Failure(500));
        await using var stream = Recognizer().Start(Options());

        Speak(stream, Tone(600), Silence(500));
        var failure = await Should.ThrowAsync<ProviderException>(() => RecognitionResults.DrainAsync(stream.Results));

        failure.Provider.ShouldBe("openai");
        failure.Kind.ShouldBe(ProviderFailureKind.Unavailable);
        failure.StatusCode.ShouldBe(500);
        _server.Requests.ShouldBe(2);
    }

    [Fact]
    public async Task A_refused_key_is_Unauthorized_without_a_retry_and_without_the_key_in_the_message()
    {
        await using var stream = Recognizer(apiKey: "sk-wrong-secret").Start(Options());

        Speak(stream, Tone(600), Silence(500));
        var failure = await Should.ThrowAsync<ProviderException>(() => RecognitionResults.DrainAsync(stream.Results));

        failure.Kind.ShouldBe(ProviderFailureKind.Unauthorized);
        failure.StatusCode.ShouldBe(401);
        failure.ToString().ShouldNotContain("sk-wrong-secret");
        _server.Requests.ShouldBe(1);
    }

    [Fact]
    public async Task A_key_no_header_can_carry_fails_at_once_without_echoing_it()
    {
        await using var stream = Recognizer(apiKey: "sk-secret\nX-Injected: 1").Start(Options());

        Speak(stream, Tone(600), Silence(500));
        var failure = await Should.ThrowAsync<ProviderException>(() => RecognitionResults.DrainAsync(stream.Results));

        failure.Kind.ShouldBe(ProviderFailureKind.Unauthorized);
        failure.ToString().ShouldNotContain("sk-secret");
        _server.Requests.ShouldBe(0);
    }

    [Fact]
    public async Task Rate_limiting_is_RateLimited_without_a_retry()
    {
        _server.Answer(TranscriptionAnswer.Failure(429));
        await using var stream = Recognizer().Start(Options());

        Speak(stream, Tone(600), Silence(500));
        var failure = await Should.ThrowAsync<ProviderException>(() => RecognitionResults.DrainAsync(stream.Results));

        failure.Kind.ShouldBe(ProviderFailureKind.RateLimited);
        _server.Requests.ShouldBe(1);
    }

    [Fact]
    public async Task An_attempt_that_times_out_is_abandoned_and_retried()
    {
        _server.Answer(TranscriptionAnswer.Held(), TranscriptionAnswer.Text("second attempt"));
        await using var stream = Recognizer(settings: new OpenAiTranscriptionSettings { AttemptTimeout = TimeSpan.FromSeconds(2) }).Start(Options());

        Speak(stream, Tone(600), Silence(500));
        var results = await RecognitionResults.ReadAsync(stream.Results, 1);

        results.Single().Text.ShouldBe("second attempt");
        await _server.WaitForAbortedRequestsAsync(1);
        _server.Requests.ShouldBe(2);
    }

    [Fact]
    public async Task Dispose_aborts_an_upload_in_flight()
    {
        _server.Answer(TranscriptionAnswer.Held());
        var stream = Recognizer().Start(Options());
        Speak(stream, Tone(600), Silence(500));
        await _server.WaitForRequestsAsync(1);

        await stream.DisposeAsync().AsTask().WaitAsync(Patience);

        await _server.WaitForAbortedRequestsAsync(1);
        (await RecognitionResults.DrainAsync(stream.Results)).ShouldBeEmpty();
        _server.Requests.ShouldBe(1);
    }

    [Fact]
    public async Task Speech_longer_than_the_cap_is_sent_in_capped_pieces_in_order()
    {
        _server.Answer(TranscriptionAnswer.Text("one"), TranscriptionAnswer.Text("two"), TranscriptionAnswer.Text("three"));
        await using var stream = Recognizer(settings: new OpenAiTranscriptionSettings { MaxUtterance = TimeSpan.FromSeconds(1) }).Start(Options());

        Speak(stream, Tone(2500), Silence(600));
        var results = await RecognitionResults.ReadAsync(stream.Results, 3);

        results.Select(result => result.Text).ShouldBe(["one", "two", "three"]);
        _server.Uploads.Select(upload => upload.Wav.Duration).ShouldBe([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(500 + 400)]);
    }

    [Fact]
    public async Task A_click_shorter_than_the_minimum_speech_is_not_sent()
    {
        _server.Answer(TranscriptionAnswer.Text("real words"));
        var stream = Recognizer().Start(Options());

        Speak(stream, Tone(40), Silence(600), Tone(600), Silence(500));
        var results = await RecognitionResults.ReadAsync(stream.Results, 1);
        await stream.DisposeAsync();

        results.Single().Text.ShouldBe("real words");
        _server.Requests.ShouldBe(1);
    }

    [Fact]
    public async Task Silence_alone_uploads_nothing()
    {
        var stream = Recognizer().Start(Options());

        Speak(stream, Silence(3000));
        await stream.DisposeAsync();

        (await RecognitionResults.DrainAsync(stream.Results)).ShouldBeEmpty();
        _server.Requests.ShouldBe(0);
    }

    [Fact]
    public async Task An_empty_transcript_emits_nothing()
    {
        _server.Answer(TranscriptionAnswer.Text(" "), TranscriptionAnswer.Text("words"));
        await using var stream = Recognizer().Start(Options());

        Speak(stream, Tone(600), Silence(500), Tone(600), Silence(500));
        var results = await RecognitionResults.ReadAsync(stream.Results, 1);

        results.Single().Text.ShouldBe("words");
    }

    [Fact]
    public async Task Without_a_key_no_authorization_header_is_sent()
    {
        await using var open = await FakeTranscriptionServer.StartAsync();
        await using var stream = new OpenAiTranscriptionRecognizer(_http, open.BaseUrl, apiKey: null).Start(Options());

        Speak(stream, Tone(600), Silence(500));
        await RecognitionResults.ReadAsync(stream.Results, 1);

        open.Uploads.Single().Authorization.ShouldBeEmpty();
    }

    [Fact]
    public async Task Utterances_beyond_the_queue_are_dropped_and_counted_while_the_endpoint_is_busy()
    {
        _server.Answer(TranscriptionAnswer.Held());
        var stream = (OpenAiTranscriptionStream)Recognizer(settings: new OpenAiTranscriptionSettings { MaxPendingUtterances = 1 }).Start(Options());
        Speak(stream, Tone(600), Silence(500));
        await _server.WaitForRequestsAsync(1);

        Speak(stream, Tone(600), Silence(500), Tone(600), Silence(500), Tone(600), Silence(500));

        stream.DroppedUtterances.ShouldBe(2);
        await stream.DisposeAsync();
    }

    [Fact]
    public async Task The_registered_factory_builds_a_recognizer_for_the_given_endpoint_and_key()
    {
        await using var services = new ServiceCollection().AddLogging().AddOpenAiTranscription().BuildServiceProvider();
        var recognizer = services.GetRequiredService<OpenAiTranscriptionRecognizerFactory>().Create(_server.BaseUrl, Key);
        _server.Answer(TranscriptionAnswer.Text("through the factory"));
        await using var stream = recognizer.Start(Options());

        Speak(stream, Tone(600), Silence(500));
        var results = await RecognitionResults.ReadAsync(stream.Results, 1);

        results.Single().Text.ShouldBe("through the factory");
        _server.Uploads.Single().Authorization.ShouldBe("Bearer " + Key);
    }

    [Theory]
    [InlineData("whisper:8000/v1")]
    [InlineData("ftp://whisper/v1")]
    public void A_base_url_that_is_not_http_is_refused_at_construction(string baseUrl) =>
        Should.Throw<ArgumentException>(() => new OpenAiTranscriptionRecognizer(_http, baseUrl, Key));

    [Theory]
    [InlineData("en-IN", "en")]
    [InlineData("hi", "hi")]
    [InlineData("pt_BR", "pt")]
    [InlineData("fil-PH", null)]
    [InlineData("multi", null)]
    [InlineData("", null)]
    public void The_language_sent_is_the_two_letter_code_of_the_locale(string locale, string? language) =>
        OpenAiTranscriptionClient.TwoLetterLanguage(locale).ShouldBe(language);

    private static RecognitionOptions Options(string model = "whisper-1", string language = "en-IN", int sampleRate = SampleRate) =>
        new(Guid.NewGuid(), "openai", model, language, sampleRate);

    private static byte[] Tone(int milliseconds, int sampleRate = SampleRate) => ToneBurstAudio.Tone(TimeSpan.FromMilliseconds(milliseconds), sampleRate);

    private static byte[] Silence(int milliseconds, int sampleRate = SampleRate) => ToneBurstAudio.Silence(TimeSpan.FromMilliseconds(milliseconds), sampleRate);

    private static void Speak(IRecognitionStream stream, params byte[][] parts) => Speak(stream, SampleRate, parts);

    private static void Speak(IRecognitionStream stream, int sampleRate, params byte[][] parts)
    {
        foreach (var part in parts)
        {
            foreach (var frame in ToneBurstAudio.Frames(part, sampleRate))
            {
                stream.Write(frame);
            }
        }
    }

    private OpenAiTranscriptionRecognizer Recognizer(string apiKey = Key, OpenAiTranscriptionSettings? settings = null) =>
        new(_http, _server.BaseUrl, apiKey, settings: settings);
}

using System.Net;
using System.Net.Sockets;
using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations.Providers;
using Invorto.Infrastructure.Conversations.Providers.Synthesis;
using Invorto.Testing.Providers;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Invorto.Infrastructure.Tests.Conversations.Providers;

/// <summary>
/// What every streaming HTTP synthesizer promises, run against <see cref="FakeSpeechServer"/>'s route for its
/// provider: audio as it arrives, failures as one typed <see cref="ProviderException"/>, a single retry only before any
/// audio, and a request that really ends when the caller stops listening. Timeouts run on a fake clock, so no test
/// waits for one. The client's handler would drain an abandoned body for ever, so only a real abort ends a request.
/// </summary>
public abstract class SpeechSynthesizerContract : IAsyncLifetime
{
    /// <summary>Only bounds the wait for something that should already be under way; it never moves a test on.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Far longer than <see cref="Patience"/>: a synthesizer timing out on the system clock instead of the fake one fails.</summary>
    protected static readonly SynthesisTimeouts Timeouts = new(TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(5));

    protected SpeechSynthesizerContract()
    {
        Http = new HttpClient(new SocketsHttpHandler
        {
            ResponseDrainTimeout = Timeout.InfiniteTimeSpan,
            MaxResponseDrainSize = int.MaxValue,
        });
    }

    protected FakeSpeechServer Server { get; private set; } = null!;

    protected FakeTimeProvider Clock { get; } = new();

    protected HttpClient Http { get; }

    protected abstract string ProviderName { get; }

    /// <summary>A call rate the provider streams as is, so the bytes it sends are the bytes that come out.</summary>
    protected abstract int NativeRate { get; }

    protected abstract VoiceSettings Voice { get; }

    public async Task InitializeAsync() => Server = await FakeSpeechServer.StartAsync();

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    [Fact]
    public async Task First_audio_is_yielded_while_the_provider_is_still_speaking()
    {
        var rest = new TaskCompletionSource();
        var audio = TestTone.Pcm16(NativeRate, 440, TimeSpan.FromMilliseconds(500));
        Server.Enqueue(new FakeSpeechReply { Audio = audio, ChunkBytes = 640, AfterFirstChunk = rest.Task });
        await using var stream = CreateSynthesizer().SynthesizeAsync(Request(), CancellationToken.None).GetAsyncEnumerator();

        (await stream.MoveNextAsync().AsTask().WaitAsync(Patience)).ShouldBeTrue();
        var first = stream.Current.ToArray();
        var stillSpeaking = !Server.Exchanges.Single().Outcome.IsCompleted;
        rest.SetResult();
        var remainder = await ReadToEndAsync(stream);

        stillSpeaking.ShouldBeTrue();
        first.Length.ShouldBeGreaterThan(0);
        first.Concat(remainder).ToArray().ShouldBe(audio);
        (await Server.Exchanges.Single().Outcome.WaitAsync(Patience)).ShouldBe(FakeSpeechOutcome.Completed);
    }

    [Fact]
    public async Task Chunks_split_inside_a_sample_come_out_as_whole_samples()
    {
        var audio = TestTone.Pcm16(NativeRate, 440, TimeSpan.FromSeconds(1));
        Server.Enqueue(FakeSpeechReply.Streaming(audio, chunkBytes: 333));

        var result = await SynthesizeAllAsync(Request());

        result.ShouldBe(audio);
    }

    [Fact]
    public async Task Text_with_nothing_to_say_sends_no_request()
    {
        var result = await SynthesizeAllAsync(Request(text: "  "));

        result.ShouldBeEmpty();
        Server.Exchanges.ShouldBeEmpty();
    }

    [Fact]
    public async Task No_response_within_the_first_byte_timeout_is_a_timeout()
    {
        var never = new TaskCompletionSource();
        Server.Enqueue(new FakeSpeechReply { Audio = new byte[640], BeforeHeaders = never.Task });
        await using var stream = CreateSynthesizer().SynthesizeAsync(Request(), CancellationToken.None).GetAsyncEnumerator();

        var move = stream.MoveNextAsync().AsTask();
        var exchange = await Server.NextRequestAsync();
        Clock.Advance(Timeouts.FirstByte);

        var error = await Should.ThrowAsync<ProviderException>(move.WaitAsync(Patience));
        error.Kind.ShouldBe(ProviderFailureKind.Timeout);
        error.Provider.ShouldBe(ProviderName);
        (await exchange.Outcome.WaitAsync(Patience)).ShouldBe(FakeSpeechOutcome.ClientAborted);
        Server.Exchanges.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Headers_without_audio_within_the_first_byte_timeout_are_a_timeout()
    {
        var never = new TaskCompletionSource();
        Server.Enqueue(new FakeSpeechReply { Audio = new byte[640], BeforeAudio = never.Task });
        await using var stream = CreateSynthesizer().SynthesizeAsync(Request(), CancellationToken.None).GetAsyncEnumerator();

        var move = stream.MoveNextAsync().AsTask();
        var exchange = await Server.NextRequestAsync();
        Clock.Advance(Timeouts.FirstByte);

        var error = await Should.ThrowAsync<ProviderException>(move.WaitAsync(Patience));
        error.Kind.ShouldBe(ProviderFailureKind.Timeout);
        (await exchange.Outcome.WaitAsync(Patience)).ShouldBe(FakeSpeechOutcome.ClientAborted);
    }

    [Fact]
    public async Task A_stream_that_stalls_after_audio_is_a_timeout()
    {
        var never = new TaskCompletionSource();
        Server.Enqueue(new FakeSpeechReply { Audio = new byte[6400], ChunkBytes = 640, AfterFirstChunk = never.Task });
        await using var stream = CreateSynthesizer().SynthesizeAsync(Request(), CancellationToken.None).GetAsyncEnumerator();

        await ReadAtLeastAsync(stream, 640);
        var move = stream.MoveNextAsync().AsTask();
        Clock.Advance(Timeouts.Stall);

        var error = await Should.ThrowAsync<ProviderException>(move.WaitAsync(Patience));
        error.Kind.ShouldBe(ProviderFailureKind.Timeout);
        (await Server.Exchanges.Single().Outcome.WaitAsync(Patience)).ShouldBe(FakeSpeechOutcome.ClientAborted);
    }

    [Fact]
    public async Task A_connection_cut_after_audio_is_unavailable_and_not_retried()
    {
        var rest = new TaskCompletionSource();
        Server.Enqueue(new FakeSpeechReply { Audio = new byte[6400], ChunkBytes = 640, AfterFirstChunk = rest.Task, CutAfterBytes = 640 });
        await using var stream = CreateSynthesizer().SynthesizeAsync(Request(), CancellationToken.None).GetAsyncEnumerator();

        await ReadAtLeastAsync(stream, 640);
        rest.SetResult();

        var error = await Should.ThrowAsync<ProviderException>(ReadToEndAsync(stream).WaitAsync(Patience));
        error.Kind.ShouldBe(ProviderFailureKind.Unavailable);
        error.StatusCode.ShouldBe(200);
        (await Server.Exchanges.Single().Outcome).ShouldBe(FakeSpeechOutcome.Cut);
        Server.Exchanges.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(401, ProviderFailureKind.Unauthorized)]
    [InlineData(403, ProviderFailureKind.Unauthorized)]
    [InlineData(429, ProviderFailureKind.RateLimited)]
    [InlineData(400, ProviderFailureKind.Protocol)]
    [InlineData(422, ProviderFailureKind.Protocol)]
    public async Task An_error_status_says_what_went_wrong_and_is_not_retried(int status, ProviderFailureKind kind)
    {
        Server.Enqueue(FakeSpeechReply.Error(status));

        var error = await Should.ThrowAsync<ProviderException>(SynthesizeAllAsync(Request()));

        error.Kind.ShouldBe(kind);
        error.StatusCode.ShouldBe(status);
        error.Provider.ShouldBe(ProviderName);
        Server.Exchanges.Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_answer_that_is_not_audio_is_a_protocol_error()
    {
        Server.Enqueue(new FakeSpeechReply { Audio = "{\"status\":\"queued\"}"u8.ToArray(), ContentType = "application/json" });

        var error = await Should.ThrowAsync<ProviderException>(SynthesizeAllAsync(Request()));

        error.Kind.ShouldBe(ProviderFailureKind.Protocol);
        error.StatusCode.ShouldBe(200);
        Server.Exchanges.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_refused_key_is_unauthorized_and_stays_out_of_the_message()
    {
        var wrongKey = "wrong-key-abcdefghijklmnop";

        var error = await Should.ThrowAsync<ProviderException>(SynthesizeAllAsync(Request(), CreateSynthesizer(apiKey: wrongKey)));

        error.Kind.ShouldBe(ProviderFailureKind.Unauthorized);
        error.StatusCode.ShouldBe(401);
        error.ToString().ShouldNotContain(wrongKey);
        error.ToString().ShouldNotContain(wrongKey[^4..]);
        error.ToString().ShouldNotContain(FakeSpeechServer.ApiKey);
    }

    [Fact]
    public async Task A_server_error_before_any_audio_is_retried_once()
    {
        var audio = TestTone.Pcm16(NativeRate, 440, TimeSpan.FromMilliseconds(200));
        Server.Enqueue(FakeSpeechReply.Error(502), FakeSpeechReply.Streaming(audio));

        var result = await SynthesizeAllAsync(Request());

        result.ShouldBe(audio);
        Server.Exchanges.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Server_errors_on_both_attempts_are_unavailable()
    {
        Server.Enqueue(FakeSpeechReply.Error(500), FakeSpeechReply.Error(503), FakeSpeechReply.Streaming(new byte[640]));

        var error = await Should.ThrowAsync<ProviderException>(SynthesizeAllAsync(Request()));

        error.Kind.ShouldBe(ProviderFailureKind.Unavailable);
        error.StatusCode.ShouldBe(503);
        Server.Exchanges.Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_refused_connection_is_unavailable()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var synthesizer = CreateSynthesizer(baseUrl: new Uri($"http://127.0.0.1:{port}/"));

        var error = await Should.ThrowAsync<ProviderException>(SynthesizeAllAsync(Request(), synthesizer));

        error.Kind.ShouldBe(ProviderFailureKind.Unavailable);
        error.StatusCode.ShouldBeNull();
    }

    [Fact]
    public async Task Stopping_after_the_first_audio_aborts_the_request()
    {
        var rest = new TaskCompletionSource();
        Server.Enqueue(new FakeSpeechReply { Audio = new byte[64_000], ChunkBytes = 640, AfterFirstChunk = rest.Task });
        var stream = CreateSynthesizer().SynthesizeAsync(Request(), CancellationToken.None).GetAsyncEnumerator();

        await ReadAtLeastAsync(stream, 1);
        await stream.DisposeAsync();

        (await Server.Exchanges.Single().Outcome.WaitAsync(Patience)).ShouldBe(FakeSpeechOutcome.ClientAborted);
    }

    [Fact]
    public async Task Cancelling_while_waiting_for_audio_aborts_the_request()
    {
        var rest = new TaskCompletionSource();
        Server.Enqueue(new FakeSpeechReply { Audio = new byte[64_000], ChunkBytes = 640, AfterFirstChunk = rest.Task });
        using var bargeIn = new CancellationTokenSource();
        await using var stream = CreateSynthesizer().SynthesizeAsync(Request(), bargeIn.Token).GetAsyncEnumerator();

        await ReadAtLeastAsync(stream, 640);
        var move = stream.MoveNextAsync().AsTask();
        await bargeIn.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(move.WaitAsync(Patience));
        (await Server.Exchanges.Single().Outcome.WaitAsync(Patience)).ShouldBe(FakeSpeechOutcome.ClientAborted);
    }

    protected abstract ISpeechSynthesizer CreateSynthesizer(Uri? baseUrl = null, string? apiKey = FakeSpeechServer.ApiKey);

    protected SpeechRequest Request(string text = "Hello there, how can I help?", int? sampleRate = null, VoiceSettings? voice = null) =>
        new(Guid.NewGuid(), text, voice ?? Voice, sampleRate ?? NativeRate);

    protected async Task<byte[]> SynthesizeAllAsync(SpeechRequest request, ISpeechSynthesizer? synthesizer = null)
    {
        await using var stream = (synthesizer ?? CreateSynthesizer()).SynthesizeAsync(request, CancellationToken.None).GetAsyncEnumerator();
        return await ReadToEndAsync(stream).WaitAsync(Patience);
    }

    private static async Task<byte[]> ReadToEndAsync(IAsyncEnumerator<ReadOnlyMemory<byte>> stream)
    {
        var audio = new List<byte>();
        while (await stream.MoveNextAsync())
        {
            audio.AddRange(stream.Current.ToArray());
        }

        return [.. audio];
    }

    /// <summary>Reads until at least <paramref name="bytes"/> arrived (the network may split what the server flushed at once).</summary>
    private static async Task ReadAtLeastAsync(IAsyncEnumerator<ReadOnlyMemory<byte>> stream, int bytes)
    {
        var read = 0;
        while (read < bytes)
        {
            (await stream.MoveNextAsync().AsTask().WaitAsync(Patience)).ShouldBeTrue();
            read += stream.Current.Length;
        }
    }
}

using System.Diagnostics;
using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations;
using Invorto.Application.Conversations.Engine;
using Invorto.Application.Conversations.Providers;
using Invorto.Application.Conversations.Transport;
using Invorto.Application.Tools.Execution;
using Invorto.Domain.Calls;
using Invorto.Infrastructure.Conversations;
using Invorto.Infrastructure.Conversations.Scripted;
using Invorto.Testing.Conversations;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Invorto.Infrastructure.Tests.Conversations;

/// <summary>
/// One conversation engine on the fake providers and a recording transport, with time only on a <see cref="FakeTimeProvider"/>:
/// each step advances the clock by one pacer tick, lets the caller send its frame when 20 ms have passed, ticks the
/// session and then waits until the engine's own tasks (its loop, the reply being generated, recognition forwarding) have
/// caught up. Scenarios read in fake time and run as fast as the engine can compute them.
/// </summary>
internal sealed class FakeTimeEngineHarness : IAsyncDisposable
{
    /// <summary>How much fake time a scenario waits for what it expects before it fails.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Real time the engine gets to catch up with one step before the scenario fails as hung.</summary>
    private static readonly TimeSpan CatchUpLimit = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan CallerFrame = TimeSpan.FromMilliseconds(FakeTimeCaller.FrameMs);

    private readonly TestMeterFactory _meters = new();
    private readonly long _startedAt;
    private TimeSpan _nextCallerFrame = CallerFrame;

    private FakeTimeEngineHarness(AgentConfig config, IReadOnlyList<string> script, bool telephony, ScriptedProviderOptions options, string? answer, ConversationOptions conversation, IToolExecutor? tools, Func<ConversationProviders, ConversationProviders>? providersFor)
    {
        Options = options;
        Transport = telephony
            ? new RecordingTransport("jambonz", TimeSpan.FromMilliseconds(80), consentPlayedByProvider: true, reportsPlayout: true, time: Clock)
            : new RecordingTransport(time: Clock);
        Metrics = new ConversationMetrics(_meters);
        Pacer = new SteppedPacer(Clock, conversation.PacerTickMs);
        var providers = new ConversationProviders(
            new ScriptedSpeechRecognizer(options, Counters, script, Clock),
            new ScriptedLanguageModel(options, Counters, answer, Clock),
            new ScriptedSpeechSynthesizer(options, Counters, Clock));
        providers = providersFor?.Invoke(providers) ?? providers;
        Factory = new ConversationSessionFactory(new FixedProviderFactory(providers), new AgentAudioFramePool(conversation), Timeline, Metrics, Pacer, conversation, Clock, NullLoggerFactory.Instance, tools);
        Setup = new ConversationSetup(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), 1, config, CallDirection.Web, null, null, false, true, null);
        _startedAt = Clock.GetTimestamp();
        Session = Factory.Start(Setup, Transport, 16000, providers);
        Caller = new FakeTimeCaller((frame, token) => Session.ReceiveAudioAsync(frame, token));
    }

    public FakeTimeProvider Clock { get; } = new();

    public ScriptedProviderOptions Options { get; }

    public ScriptedProviderCounters Counters { get; } = new();

    public RecordingTimeline Timeline { get; } = new();

    public RecordingTransport Transport { get; }

    public ConversationMetrics Metrics { get; }

    public SteppedPacer Pacer { get; }

    public ConversationSessionFactory Factory { get; }

    public ConversationSetup Setup { get; }

    public ConversationSession Session { get; }

    public FakeTimeCaller Caller { get; }

    /// <summary>Fake time since the session started.</summary>
    public TimeSpan Elapsed => Clock.GetElapsedTime(_startedAt);

    /// <summary>Fake providers whose synthesizer speaks 30 ms per character.</summary>
    public static ScriptedProviderOptions Fast() => new() { MillisecondsPerCharacter = 30 };

    /// <summary>A session on a web transport, or with <paramref name="telephony"/> on a far end with an 80 ms buffer that reports playout (Jambonz, Twilio).</summary>
    /// <remarks>The agent's platform tools run through <paramref name="tools"/>; without it they fail as unavailable.</remarks>
    public static FakeTimeEngineHarness Start(AgentConfig config, IReadOnlyList<string> script, ScriptedProviderOptions? options = null, string? answer = null, ConversationOptions? conversation = null, bool telephony = false, IToolExecutor? tools = null, Func<ConversationProviders, ConversationProviders>? providers = null) =>
        new(config, script, telephony, options ?? Fast(), answer, conversation ?? new ConversationOptions(), tools, providers);

    public static AgentConfig Agent(Func<AgentConfig, AgentConfig>? change = null)
    {
        var config = new AgentConfig { Prompt = "You are a test agent.", Endpointing = new EndpointingSettings { SilenceMs = 200, WaitFunction = null } };
        return change is null ? config : change(config);
    }

    /// <summary>
    /// Steps fake time until <paramref name="condition"/> holds (checked after the engine caught up with each step) and
    /// returns the fake time since the session started; a <see cref="TimeoutException"/> after <paramref name="within"/> of fake time.
    /// </summary>
    public async Task<TimeSpan> RunUntilAsync(Func<bool> condition, TimeSpan? within = null)
    {
        await CatchUpAsync();
        var limit = within ?? Patience;
        var deadline = Elapsed + limit;
        while (!condition())
        {
            if (Elapsed >= deadline)
            {
                throw new TimeoutException($"The condition did not hold within {limit.TotalMilliseconds} ms of fake time (now {Elapsed.TotalMilliseconds} ms).");
            }

            await StepAsync();
        }

        return Elapsed;
    }

    /// <summary>Steps fake time until <paramref name="task"/> has completed.</summary>
    public Task<TimeSpan> RunUntilAsync(Task task, TimeSpan? within = null) => RunUntilAsync(() => task.IsCompleted, within);

    /// <summary>Steps <paramref name="duration"/> of fake time.</summary>
    public async Task RunForAsync(TimeSpan duration)
    {
        var until = Elapsed + duration;
        await RunUntilAsync(() => Elapsed >= until, duration + Pacer.TickPeriod);
    }

    /// <summary>The fake time of a timestamp the transport recorded, since the session started.</summary>
    public TimeSpan At(long timestamp) => Clock.GetElapsedTime(_startedAt, timestamp);

    public async ValueTask DisposeAsync()
    {
        Session.RequestStop(ConversationEndReasons.Hangup);
        try
        {
            await RunUntilAsync(Session.Completion);
        }
        finally
        {
            // A session ending after a failed scenario may still wait on the fake clock (a goodbye's playout report).
            var disposing = Session.DisposeAsync().AsTask();
            for (var step = 0; !disposing.IsCompleted && step < 2000; step++)
            {
                Clock.Advance(Pacer.TickPeriod);
                await Task.Yield();
            }

            await disposing.WaitAsync(CatchUpLimit);
            _meters.Dispose();
        }
    }

    /// <summary>One pacer tick of fake time: the caller's frame when 20 ms have passed, then the session's tick.</summary>
    private async Task StepAsync()
    {
        Clock.Advance(Pacer.TickPeriod);
        if (Elapsed >= _nextCallerFrame)
        {
            _nextCallerFrame += CallerFrame;
            await Caller.SendFrameAsync(CancellationToken.None);
            await CatchUpAsync();
        }

        Pacer.Tick();
        await CatchUpAsync();
    }

    /// <summary>
    /// Waits, without letting fake time pass, until the engine says its tasks are all waiting (for a signal, for room in
    /// the outbound queue, for a tool result or playout report, for a fake provider's latency, or it has ended) and what
    /// it has sent stops changing.
    /// The real-time limit only turns a hung engine into a failure; it is never what moves the scenario on.
    /// </summary>
    private async Task CatchUpAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var last = Fingerprint();
        var stable = 0;
        for (var spin = 1; stable < 3; spin++)
        {
            if (spin % 8 == 0)
            {
                Thread.Yield();
            }

            await Task.Yield();
            var now = Fingerprint();
            stable = Session.IsSettled(providerWaiting: Counters.WaitingOnClock) && now == last ? stable + 1 : 0;
            last = now;
            if (Stopwatch.GetElapsedTime(started) > CatchUpLimit)
            {
                throw new TimeoutException($"The engine did not catch up within {CatchUpLimit.TotalSeconds} s of real time at {Elapsed.TotalMilliseconds} ms of fake time (settled: {Session.IsSettled(Counters.WaitingOnClock)}; {Session.SettleState}).");
            }
        }
    }

    private (int Frames, int Events, int Flushes, int Marks, int Timeline, int Turns) Fingerprint() =>
        (Transport.Frames, Transport.Events.Count, Transport.FlushTimes.Count, Transport.Marks.Count, Timeline.Entries.Count, Session.Turns);
}

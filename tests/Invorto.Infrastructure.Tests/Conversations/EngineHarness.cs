using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations;
using Invorto.Application.Conversations.Engine;
using Invorto.Application.Conversations.Providers;
using Invorto.Domain.Calls;
using Invorto.Infrastructure.Conversations;
using Invorto.Infrastructure.Conversations.Pacing;
using Invorto.Infrastructure.Conversations.Scripted;
using Invorto.Testing;
using Invorto.Testing.Conversations;
using Microsoft.Extensions.Logging.Abstractions;

namespace Invorto.Infrastructure.Tests.Conversations;

/// <summary>One conversation engine on the fake providers, a recording transport and a caller streaming in real time.</summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    private readonly TestMeterFactory _meters = new();

    private EngineHarness(AgentConfig config, IReadOnlyList<string> script, RecordingTransport transport, ScriptedProviderOptions options, string? answer, ConversationOptions conversation)
    {
        Options = options;
        Transport = transport;
        Metrics = new ConversationMetrics(_meters);
        Pacer = new AudioPacer(new ConversationOptions { PacerThreads = 1 }, new MonotonicPacerClock(), Metrics, NullLogger<AudioPacer>.Instance);
        var providers = new ConversationProviders(
            new ScriptedSpeechRecognizer(options, Counters, script),
            new ScriptedLanguageModel(options, Counters, answer),
            new ScriptedSpeechSynthesizer(options, Counters));
        Factory = new ConversationSessionFactory(new FixedProviderFactory(providers), new AgentAudioFramePool(conversation), Timeline, Metrics, Pacer, conversation, TimeProvider.System, NullLoggerFactory.Instance);
        Setup = new ConversationSetup(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), 1, config, CallDirection.Web, null, null, false, true, null);
        Session = Factory.Start(Setup, transport, 16000, providers);
        Caller = new LiveCaller((frame, token) => Session.ReceiveAudioAsync(frame, token));
    }

    public ScriptedProviderOptions Options { get; }

    public ScriptedProviderCounters Counters { get; } = new();

    public RecordingTimeline Timeline { get; } = new();

    public RecordingTransport Transport { get; }

    public ConversationMetrics Metrics { get; }

    public AudioPacer Pacer { get; }

    public ConversationSessionFactory Factory { get; }

    public ConversationSetup Setup { get; }

    public ConversationSession Session { get; }

    public LiveCaller Caller { get; }

    /// <summary>How long a scenario waits for what it expects before it fails.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>Polls <paramref name="condition"/> every 20 ms until it holds; a <see cref="TimeoutException"/> after <see cref="Patience"/>.</summary>
    public static Task<bool> Until(Func<bool> condition) =>
        Eventually.ReturnsAsync(() => Task.FromResult(condition()), done => done, Patience, TimeSpan.FromMilliseconds(20));

    /// <summary>Fake providers whose synthesizer speaks 30 ms per character, so an answer lasts seconds, not minutes.</summary>
    public static ScriptedProviderOptions Fast() => new() { MillisecondsPerCharacter = 30 };

    public static EngineHarness Start(AgentConfig config, IReadOnlyList<string> script, RecordingTransport? transport = null, ScriptedProviderOptions? options = null, string? answer = null, ConversationOptions? conversation = null) =>
        new(config, script, transport ?? new RecordingTransport(), options ?? new ScriptedProviderOptions(), answer, conversation ?? new ConversationOptions { PacerThreads = 1 });

    public static AgentConfig Agent(Func<AgentConfig, AgentConfig>? change = null)
    {
        var config = new AgentConfig { Prompt = "You are a test agent.", Endpointing = new EndpointingSettings { SilenceMs = 200, WaitFunction = null } };
        return change is null ? config : change(config);
    }

    public async ValueTask DisposeAsync()
    {
        await Caller.DisposeAsync();
        Caller.Dispose();
        await Session.DisposeAsync();
        Pacer.Dispose();
        _meters.Dispose();
    }
}

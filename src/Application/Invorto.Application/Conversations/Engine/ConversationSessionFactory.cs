using Invorto.Application.Conversations.Providers;
using Invorto.Application.Conversations.Transport;
using Invorto.Application.Tools.Execution;
using Microsoft.Extensions.Logging;

namespace Invorto.Application.Conversations.Engine;

/// <summary>
/// Starts the conversation of one call on a transport, with the providers its agent names. Without a
/// <paramref name="tools"/> runner (the host did not call <c>AddToolExecution</c>) the agent's platform tools fail as unavailable.
/// </summary>
public sealed class ConversationSessionFactory(
    IConversationProviderFactory providers,
    AgentAudioFramePool frames,
    ICallTimeline timeline,
    ConversationMetrics metrics,
    IAudioPacer pacer,
    ConversationOptions options,
    TimeProvider clock,
    ILoggerFactory loggers,
    IToolExecutor? tools = null)
{
    private readonly SessionServices _services = new(frames, timeline, metrics, options, new EngineClock(clock), loggers.CreateLogger<ConversationSession>(), new WaitFunctionCache(), tools);

    /// <summary>Resolves the providers the call's agent names (keys, fallbacks) and starts its session.</summary>
    public async ValueTask<ConversationSession> StartAsync(ConversationSetup setup, IConversationTransport transport, int sampleRate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var resolved = await providers.ResolveAsync(setup, cancellationToken).ConfigureAwait(false);
        return Start(setup, transport, sampleRate, resolved);
    }

    public ConversationSession Start(ConversationSetup setup, IConversationTransport transport, int sampleRate, ConversationProviders conversationProviders)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var session = new ConversationSession(setup, transport, sampleRate, conversationProviders, _services);
        session.Start(pacer);
        return session;
    }
}

using System.Text.Json;
using Invorto.Application.Conversations;
using Invorto.Application.Conversations.Providers;
using Invorto.Application.Conversations.Usage;
using Invorto.Infrastructure.Conversations.Resilience;
using Invorto.Infrastructure.Conversations.Scripted;
using Invorto.Infrastructure.Conversations.Selection;
using Microsoft.Extensions.Logging;

namespace Invorto.Infrastructure.Conversations;

/// <summary>
/// Resolves, when a call starts, the providers its agent names, each as a failover chain through the per-endpoint
/// circuits: the agent's provider, its configured fallback, then the offline one (eSpeak, PocketSphinx; the rule-based
/// responder when no language model is usable). A provider without a key is replaced by the next at once and the call's
/// timeline says so (<c>provider.fallback</c>). With <c>CONVERSATION_PROVIDERS=scripted</c> every call runs on the
/// scripted providers instead (benchmarks and transport tests).
/// </summary>
public sealed partial class ConversationProviderFactory(
    ConversationProviderSelection selection,
    SynthesizerChainBuilder voices,
    RecognizerChainBuilder recognizers,
    LanguageModelChainBuilder models,
    ScriptedProviderOptions scriptedOptions,
    ScriptedProviderCounters scriptedCounters,
    ProviderCircuits circuits,
    ICallTimeline timeline,
    TimeProvider time,
    ILoggerFactory loggers) : IConversationProviderFactory
{
    private readonly ILogger _logger = loggers.CreateLogger<ConversationProviderFactory>();
    private ConversationProviders? _scripted;

    public async ValueTask<ConversationProviders> ResolveAsync(ConversationSetup setup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (selection.Mode == ConversationProviderMode.Scripted)
        {
            return LazyInitializer.EnsureInitialized(ref _scripted, Scripted);
        }

        var notes = new List<ProviderFallbackNote>();
        var voiceChain = await voices.BuildAsync(setup, notes, cancellationToken).ConfigureAwait(false);
        var recognizerChain = await recognizers.BuildAsync(setup, notes, cancellationToken).ConfigureAwait(false);
        var modelChain = await models.BuildAsync(setup, notes, cancellationToken).ConfigureAwait(false);
        foreach (var note in notes)
        {
            timeline.Append(new TimelineEntry(setup.CallId, setup.TenantId, TimelineKinds.ProviderFallback, time.GetUtcNow(),
                JsonSerializer.Serialize(new { role = note.Role, from = note.From, to = note.To, reason = note.Reason })));
            LogFallback(_logger, setup.CallId, note.Role, note.From, note.To, note.Reason);
        }

        var observer = new TimelineFailoverObserver(timeline, setup.CallId, setup.TenantId, time, _logger);
        var usage = new ProviderUsageMeter();
        return new ConversationProviders(
            new FailoverSpeechRecognizer(recognizerChain, circuits, observer, usage),
            new FailoverLanguageModel(modelChain, circuits, observer, usage),
            new FailoverSpeechSynthesizer(voiceChain, circuits, observer, usage),
            usage);
    }

    private ConversationProviders Scripted()
    {
        return new ConversationProviders(
            new ScriptedSpeechRecognizer(scriptedOptions, scriptedCounters, time: time),
            new ScriptedLanguageModel(scriptedOptions, scriptedCounters, time: time),
            new ScriptedSpeechSynthesizer(scriptedOptions, scriptedCounters, time));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: {Role} provider {From} replaced by {To} ({Reason})")]
    private static partial void LogFallback(ILogger logger, Guid callId, string role, string from, string to, string reason);
}

using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations;
using Invorto.Application.Conversations.Providers;
using Invorto.Application.Tools;
using Invorto.Infrastructure.Conversations.Providers;
using Invorto.Infrastructure.Conversations.Providers.Deepgram;
using Invorto.Infrastructure.Conversations.Providers.ElevenLabs;
using Invorto.Infrastructure.Conversations.Providers.Espeak;
using Invorto.Infrastructure.Conversations.Providers.OpenAi;
using Invorto.Infrastructure.Conversations.Providers.OpenAiAudio;
using Invorto.Infrastructure.Conversations.Providers.Synthesis;
using Invorto.Infrastructure.Conversations.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Conversations.Selection;

/// <summary>
/// The voices of a call: the agent's (<c>voice</c>), then its <c>voice.fallback</c>, then always the offline eSpeak
/// voice, so whatever fails the caller still hears the agent (at least its apology). A cloud voice without a key (the
/// tenant's secret or the platform's variable) is skipped at call start.
/// </summary>
public sealed class SynthesizerChainBuilder(
    IHttpClientFactory httpClients,
    IOptions<DeepgramOptions> deepgram,
    IOptions<ElevenLabsOptions> elevenLabs,
    IOptions<OpenAiOptions> openAi,
    TenantProviderKeys keys,
    AgentEndpointRules endpoints,
    TimeProvider time,
    ILoggerFactory loggers)
{
    public async ValueTask<IReadOnlyList<ProviderCandidate<ISpeechSynthesizer>>> BuildAsync(ConversationSetup setup, ICollection<ProviderFallbackNote> notes, CancellationToken cancellationToken)
    {
        var voice = setup.Config.Voice;
        var chain = new List<ProviderCandidate<ISpeechSynthesizer>>();
        var skipped = new List<(string Provider, string Reason)>();
        await AddAsync(chain, skipped, voice with { VoiceId = VoiceDefaults.For(voice.Provider, voice.VoiceId) ?? voice.VoiceId }, setup, cancellationToken).ConfigureAwait(false);
        if (voice.Fallback is { } fallback)
        {
            var settings = voice with { Provider = fallback.Provider, VoiceId = VoiceDefaults.For(fallback.Provider, fallback.VoiceId) ?? string.Empty, BaseUrl = fallback.BaseUrl, Fallback = null };
            await AddAsync(chain, skipped, settings, setup, cancellationToken).ConfigureAwait(false);
        }

        if (!chain.Exists(candidate => candidate.Name == ProviderNames.Espeak))
        {
            chain.Add(Espeak(voice, setup));
        }

        foreach (var (provider, reason) in skipped)
        {
            notes.Add(new ProviderFallbackNote("voice", provider, chain[0].Name, reason));
        }

        return chain;
    }

    private async ValueTask AddAsync(List<ProviderCandidate<ISpeechSynthesizer>> chain, List<(string, string)> skipped, VoiceSettings voice, ConversationSetup setup, CancellationToken cancellationToken)
    {
        var provider = voice.Provider;
        if (provider == ProviderNames.Espeak)
        {
            chain.Add(Espeak(voice, setup));
            return;
        }

        if (provider == ProviderNames.OpenAi && endpoints.Refusal(voice.BaseUrl) is { } refusal)
        {
            skipped.Add((provider, refusal));
            return;
        }

        var tenantKey = await keys.GetAsync(setup.TenantId, provider, cancellationToken).ConfigureAwait(false);
        ISpeechSynthesizer? synthesizer = null;
        string? circuit = null;
        switch (provider)
        {
            case ProviderNames.Deepgram when (tenantKey ?? deepgram.Value.ApiKey) is { Length: > 0 } key:
                var aura = new AuraEndpoint(DeepgramOptions.HttpBase(deepgram.Value.BaseUrl), key.Trim());
                synthesizer = new AuraSpeechSynthesizer(httpClients.CreateClient(AuraSpeechSynthesizer.HttpClientName), aura, loggers.CreateLogger<AuraSpeechSynthesizer>(), time);
                circuit = $"{provider}|{aura.BaseUrl}";
                break;
            case ProviderNames.ElevenLabs when (tenantKey ?? elevenLabs.Value.ApiKey) is { Length: > 0 } key:
                var options = elevenLabs.Value;
                var endpoint = new ElevenLabsEndpoint(new Uri(options.BaseUrl, UriKind.Absolute), key.Trim())
                {
                    ModelId = options.ModelId,
                    Timeouts = SynthesisTimeouts.WithFirstByte(TimeSpan.FromMilliseconds(options.FirstByteTimeoutMs)),
                };
                synthesizer = new ElevenLabsSpeechSynthesizer(httpClients.CreateClient(ElevenLabsProviderRegistration.HttpClientName), endpoint, loggers.CreateLogger<ElevenLabsSpeechSynthesizer>(), time);
                circuit = $"{provider}|{endpoint.BaseUrl}";
                break;
            case ProviderNames.OpenAi:
                var resolved = OpenAiEndpoint.Resolve(openAi.Value, voice.BaseUrl, tenantKey);
                if (!OpenAiEndpointUse.IsUsable(resolved, voice.BaseUrl))
                {
                    break;
                }

                synthesizer = new OpenAiSpeechSynthesizer(httpClients.CreateClient(AgentEndpointHttpClients.ClientName(OpenAiSpeechSynthesizer.HttpClientName, voice.BaseUrl is not null)), new OpenAiSpeechEndpoint(resolved.BaseUrl, resolved.ApiKey), loggers.CreateLogger<OpenAiSpeechSynthesizer>(), time);
                circuit = $"{provider}|{resolved.BaseUrl}";
                break;
            default:
                skipped.Add((provider, provider is ProviderNames.Deepgram or ProviderNames.ElevenLabs ? "no key" : "unknown provider"));
                return;
        }

        if (synthesizer is null || circuit is null)
        {
            skipped.Add((provider, "no key"));
            return;
        }

        chain.Add(new ProviderCandidate<ISpeechSynthesizer>(provider, circuit, new SynthesizerWithVoice(synthesizer, voice)));
    }

    /// <summary>The offline voice in the agent's locale; an eSpeak voice name as the voice id is kept, any other is not eSpeak's.</summary>
    private static ProviderCandidate<ISpeechSynthesizer> Espeak(VoiceSettings voice, ConversationSetup setup) =>
        new(ProviderNames.Espeak, ProviderNames.Espeak, new SynthesizerWithVoice(
            new EspeakSynthesizer(setup.Config.Locale),
            voice with { Provider = ProviderNames.Espeak, VoiceId = VoiceDefaults.For(ProviderNames.Espeak, voice.VoiceId) ?? string.Empty }));
}

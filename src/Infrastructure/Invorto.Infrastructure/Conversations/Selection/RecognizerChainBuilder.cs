using Invorto.Application.Conversations;
using Invorto.Application.Conversations.Providers;
using Invorto.Application.Tools;
using Invorto.Infrastructure.Conversations.Providers.Deepgram;
using Invorto.Infrastructure.Conversations.Providers.OpenAi;
using Invorto.Infrastructure.Conversations.Providers.OpenAiAudio;
using Invorto.Infrastructure.Conversations.Providers.PocketSphinx;
using Invorto.Infrastructure.Conversations.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Conversations.Selection;

/// <summary>
/// The recognizers of a call: the agent's (<c>asr</c>), then its <c>asr.fallback</c>, then always the offline
/// PocketSphinx recognizer with the agent's grammar, so a call whose cloud recognizer drops keeps listening. A cloud
/// recognizer without a key is skipped at call start.
/// </summary>
public sealed class RecognizerChainBuilder(
    IOptions<DeepgramOptions> deepgram,
    IOptions<OpenAiOptions> openAi,
    OpenAiTranscriptionRecognizerFactory transcription,
    PocketSphinxModel pocketSphinx,
    TenantProviderKeys keys,
    AgentEndpointRules endpoints,
    TimeProvider time,
    ILoggerFactory loggers)
{
    public async ValueTask<IReadOnlyList<ProviderCandidate<ISpeechRecognizer>>> BuildAsync(ConversationSetup setup, ICollection<ProviderFallbackNote> notes, CancellationToken cancellationToken)
    {
        var asr = setup.Config.Asr;
        var chain = new List<ProviderCandidate<ISpeechRecognizer>>();
        var skipped = new List<(string Provider, string Reason)>();
        await AddAsync(chain, skipped, asr.Provider, asr.Model, asr.BaseUrl, setup, cancellationToken).ConfigureAwait(false);
        if (asr.Fallback is { } fallback)
        {
            await AddAsync(chain, skipped, fallback.Provider, fallback.Model, fallback.BaseUrl, setup, cancellationToken).ConfigureAwait(false);
        }

        if (!chain.Exists(candidate => candidate.Name == ProviderNames.PocketSphinx))
        {
            chain.Add(PocketSphinx(setup));
        }

        foreach (var (provider, reason) in skipped)
        {
            notes.Add(new ProviderFallbackNote("asr", provider, chain[0].Name, reason));
        }

        return chain;
    }

    private async ValueTask AddAsync(List<ProviderCandidate<ISpeechRecognizer>> chain, List<(string, string)> skipped, string provider, string? model, string? baseUrl, ConversationSetup setup, CancellationToken cancellationToken)
    {
        if (provider == ProviderNames.PocketSphinx)
        {
            chain.Add(PocketSphinx(setup));
            return;
        }

        if (provider == ProviderNames.OpenAi && endpoints.Refusal(baseUrl) is { } refusal)
        {
            skipped.Add((provider, refusal));
            return;
        }

        var tenantKey = await keys.GetAsync(setup.TenantId, provider, cancellationToken).ConfigureAwait(false);
        switch (provider)
        {
            case ProviderNames.Deepgram when (tenantKey ?? deepgram.Value.ApiKey) is { Length: > 0 } key:
                var recognizer = new DeepgramRecognizer(key.Trim(), deepgram.Value.BaseUrl, loggers, time);
                chain.Add(new(provider, $"{provider}|{deepgram.Value.BaseUrl}", new RecognizerWithModel(recognizer, provider, AsrModelDefaults.For(provider, model))));
                return;
            case ProviderNames.OpenAi:
                var endpoint = OpenAiEndpoint.Resolve(openAi.Value, baseUrl, tenantKey);
                if (!OpenAiEndpointUse.IsUsable(endpoint, baseUrl))
                {
                    skipped.Add((provider, "no key"));
                    return;
                }

                var whisper = transcription.Create(endpoint.BaseUrl.ToString(), endpoint.ApiKey, agentEndpoint: baseUrl is not null);
                chain.Add(new(provider, $"{provider}|{endpoint.BaseUrl}", new RecognizerWithModel(whisper, provider, AsrModelDefaults.For(provider, model))));
                return;
            default:
                skipped.Add((provider, provider == ProviderNames.Deepgram ? "no key" : "unknown provider"));
                return;
        }
    }

    private ProviderCandidate<ISpeechRecognizer> PocketSphinx(ConversationSetup setup) =>
        new(ProviderNames.PocketSphinx, ProviderNames.PocketSphinx, new PocketSphinxRecognizer(pocketSphinx, setup.Config, setup.AgentId, setup.AgentVersion));
}

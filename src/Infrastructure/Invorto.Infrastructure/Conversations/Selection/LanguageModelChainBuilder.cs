using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations;
using Invorto.Application.Conversations.Providers;
using Invorto.Application.Tools;
using Invorto.Infrastructure.Conversations.Providers.OpenAi;
using Invorto.Infrastructure.Conversations.Providers.Rules;
using Invorto.Infrastructure.Conversations.Resilience;
using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Conversations.Selection;

/// <summary>
/// The language models of a call: the agent's (<c>llm</c>), then its <c>llm.fallback</c>. An OpenAI-compatible model
/// counts as configured with a key (the tenant's <c>openai_api_key</c> secret or <c>OPENAI_API_KEY</c>) or with a base
/// URL of its own (a self-hosted server needs none); when neither model is usable the call answers with the offline
/// rule-based responder.
/// </summary>
public sealed class LanguageModelChainBuilder(OpenAiLanguageModelFactory openAi, IOptions<OpenAiOptions> openAiOptions, TenantProviderKeys keys, AgentEndpointRules endpoints)
{
    public async ValueTask<IReadOnlyList<ProviderCandidate<ILanguageModel>>> BuildAsync(ConversationSetup setup, ICollection<ProviderFallbackNote> notes, CancellationToken cancellationToken)
    {
        var llm = setup.Config.Llm;
        var chain = new List<ProviderCandidate<ILanguageModel>>();
        var skipped = new List<(string Provider, string Reason)>();
        await AddAsync(chain, skipped, llm.Provider, llm, setup, cancellationToken).ConfigureAwait(false);
        if (llm.Fallback is { } fallback)
        {
            var settings = llm with { Provider = fallback.Provider, Model = fallback.Model ?? llm.Model, BaseUrl = fallback.BaseUrl, Fallback = null };
            await AddAsync(chain, skipped, fallback.Provider, settings, setup, cancellationToken).ConfigureAwait(false);
        }

        if (chain.Count == 0)
        {
            chain.Add(Rules(setup.Config));
        }

        foreach (var (provider, reason) in skipped)
        {
            notes.Add(new ProviderFallbackNote("llm", provider, chain[0].Name, reason));
        }

        return chain;
    }

    private async ValueTask AddAsync(List<ProviderCandidate<ILanguageModel>> chain, List<(string, string)> skipped, string provider, LlmSettings settings, ConversationSetup setup, CancellationToken cancellationToken)
    {
        switch (provider)
        {
            case ProviderNames.OpenAi when endpoints.Refusal(settings.BaseUrl) is { } refusal:
                skipped.Add((provider, refusal));
                return;
            case ProviderNames.OpenAi:
                var tenantKey = await keys.GetAsync(setup.TenantId, provider, cancellationToken).ConfigureAwait(false);
                var endpoint = OpenAiEndpoint.Resolve(openAiOptions.Value, settings.BaseUrl, tenantKey);
                if (!OpenAiEndpointUse.IsUsable(endpoint, settings.BaseUrl))
                {
                    skipped.Add((provider, "no key"));
                    return;
                }

                ILanguageModel model = openAi.Create(endpoint, agentEndpoint: settings.BaseUrl is not null);
                if (!ReferenceEquals(settings, setup.Config.Llm))
                {
                    model = new LanguageModelWithSettings(model, settings);
                }

                chain.Add(new ProviderCandidate<ILanguageModel>(provider, $"{provider}|{endpoint.BaseUrl}", model));
                return;
            case ProviderNames.Rules:
                chain.Add(Rules(setup.Config));
                return;
            default:
                skipped.Add((provider, "unknown provider"));
                return;
        }
    }

    private static ProviderCandidate<ILanguageModel> Rules(AgentConfig config) =>
        new(ProviderNames.Rules, ProviderNames.Rules, new RulesLanguageModel(config.Rules));
}

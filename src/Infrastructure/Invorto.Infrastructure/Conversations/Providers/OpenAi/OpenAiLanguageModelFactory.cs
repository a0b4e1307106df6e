using Invorto.Application.Conversations.Providers;
using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Conversations.Providers.OpenAi;

/// <summary>
/// Builds an <see cref="OpenAiLanguageModel"/> for one call: on the platform's endpoint, an agent's own
/// <c>llm.baseUrl</c>, or a tenant's key (see <see cref="OpenAiEndpoint.Resolve"/>), over the adapter's named
/// <see cref="HttpClient"/>.
/// </summary>
public sealed class OpenAiLanguageModelFactory(IHttpClientFactory httpClients, IOptions<OpenAiOptions> options, TimeProvider time)
{
    public ILanguageModel Create(string? agentBaseUrl = null, string? tenantApiKey = null) =>
        Create(OpenAiEndpoint.Resolve(options.Value, agentBaseUrl, tenantApiKey), agentBaseUrl is not null);

    /// <param name="agentEndpoint">True when an agent wrote the endpoint: its connections are guarded (<see cref="AgentEndpointHttpClients"/>).</param>
    public ILanguageModel Create(OpenAiEndpoint endpoint, bool agentEndpoint = false) =>
        new OpenAiLanguageModel(httpClients.CreateClient(AgentEndpointHttpClients.ClientName(OpenAiLanguageModel.HttpClientName, agentEndpoint)), endpoint, options.Value.Timeouts, time);
}

using Invorto.Infrastructure.Conversations.Providers.OpenAi;

namespace Invorto.Infrastructure.Conversations.Selection;

/// <summary>
/// Whether a call can use an OpenAI-compatible endpoint: with a key (the tenant's or the platform's), or without one on a
/// server of the agent's own or an operator's self-hosted <c>OPENAI_BASE_URL</c>; OpenAI itself without a key cannot answer.
/// </summary>
public static class OpenAiEndpointUse
{
    public static bool IsUsable(OpenAiEndpoint resolved, string? agentBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        return resolved.ApiKey is not null
            || agentBaseUrl is not null
            || !resolved.BaseUrl.Host.Equals("api.openai.com", StringComparison.OrdinalIgnoreCase);
    }
}

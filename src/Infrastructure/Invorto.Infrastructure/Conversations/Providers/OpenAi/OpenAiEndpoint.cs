using System.Text;

namespace Invorto.Infrastructure.Conversations.Providers.OpenAi;

/// <summary>
/// Where one completion is sent: an OpenAI-compatible base URL (the part before <c>/chat/completions</c>, e.g.
/// <c>https://api.openai.com/v1</c>, <c>http://ollama:11434/v1</c>) and the bearer key, if any. Its text form never
/// shows the key.
/// </summary>
public sealed record OpenAiEndpoint
{
    public OpenAiEndpoint(Uri baseUrl, string? apiKey = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("The base URL must be an absolute http or https URL.", nameof(baseUrl));
        }

        BaseUrl = baseUrl;
        ApiKey = string.IsNullOrWhiteSpace(apiKey) ? null : apiKey.Trim();
    }

    public Uri BaseUrl { get; }

    public string? ApiKey { get; }

    /// <summary>
    /// The endpoint of one agent's completions: its own <c>llm.baseUrl</c> when it has one, else the platform's
    /// <c>OPENAI_BASE_URL</c>; the tenant's key when it has one, else the platform's <c>OPENAI_API_KEY</c> — but the
    /// platform's key only ever goes to the platform's own host, never to a host an agent's author chose.
    /// </summary>
    public static OpenAiEndpoint Resolve(OpenAiOptions options, string? agentBaseUrl = null, string? tenantApiKey = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var platform = options.BaseUri;
        var baseUrl = string.IsNullOrWhiteSpace(agentBaseUrl) ? platform : new Uri(agentBaseUrl.Trim(), UriKind.Absolute);
        if (!string.IsNullOrWhiteSpace(tenantApiKey))
        {
            return new OpenAiEndpoint(baseUrl, tenantApiKey);
        }

        var sameHost = Uri.Compare(baseUrl, platform, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
        return new OpenAiEndpoint(baseUrl, sameHost ? options.Key : null);
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("BaseUrl = ").Append(BaseUrl).Append(", ApiKey = ").Append(ApiKey is null ? "(none)" : "(set)");
        return true;
    }
}

using Microsoft.Extensions.Configuration;

namespace Invorto.Infrastructure.Conversations.Providers.OpenAi;

/// <summary>
/// The platform's OpenAI-compatible endpoint (OpenAI, Azure OpenAI's v1 API, Ollama, vLLM, llama.cpp server) and the
/// time budget of a streamed chat completion. The key is optional: self-hosted servers usually need none.
/// </summary>
public sealed class OpenAiOptions
{
    public const string DefaultBaseUrl = "https://api.openai.com/v1";

    [ConfigurationKeyName("OPENAI_API_KEY")]
    public string? ApiKey { get; set; }

    [ConfigurationKeyName("OPENAI_BASE_URL")]
    public string? BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>How long a completion may take to produce its first text or tool-call fragment.</summary>
    [ConfigurationKeyName("OPENAI_LLM_FIRST_TOKEN_TIMEOUT_MS")]
    public int FirstTokenTimeoutMs { get; set; } = 5_000;

    /// <summary>How long a started completion may go without a new fragment.</summary>
    [ConfigurationKeyName("OPENAI_LLM_IDLE_TIMEOUT_MS")]
    public int IdleTimeoutMs { get; set; } = 10_000;

    /// <summary>The configured base URL, or the default when the variable is unset or blank.</summary>
    public Uri BaseUri => new(string.IsNullOrWhiteSpace(BaseUrl) ? DefaultBaseUrl : BaseUrl.Trim());

    /// <summary>The configured key, or null when the variable is unset or blank.</summary>
    public string? Key => string.IsNullOrWhiteSpace(ApiKey) ? null : ApiKey.Trim();

    public OpenAiStreamTimeouts Timeouts => new(TimeSpan.FromMilliseconds(FirstTokenTimeoutMs), TimeSpan.FromMilliseconds(IdleTimeoutMs));
}

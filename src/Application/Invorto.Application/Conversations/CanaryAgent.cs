using Invorto.Application.Agents.Configuration;

namespace Invorto.Application.Conversations;

/// <summary>
/// The built-in agent the platform operations key may start (runbook §6A): offline providers only, a reserved system
/// tenant, no database rows, no concurrency slot, no billing, no webhooks.
/// </summary>
public static class CanaryAgent
{
    public const string Id = "canary-agent";
    public const int Version = 1;

    /// <summary>The reserved tenant canary sessions belong to; no tenant row has it.</summary>
    public static readonly Guid SystemTenantId = new("00000000-0000-7000-8000-00000000ca01");

    /// <summary>The fixed agent id canary sessions report.</summary>
    public static readonly Guid AgentId = new("00000000-0000-7000-8000-00000000ca02");

    public static AgentConfig Config { get; } = new()
    {
        Prompt = "You are the Invorto canary. Answer briefly and politely; you only prove that the platform answers.",
        FirstMessage = "Hello from the Invorto canary.",
        Locale = "en-IN",
        Voice = new VoiceSettings { Provider = "espeak", VoiceId = "en" },
        Asr = new AsrSettings { Provider = "pocketsphinx", Model = "en-us", Language = "en-US" },
        Llm = new LlmSettings { Provider = "rules", Model = "rules" },
        ConsentPrompt = null,
    };

    public static bool IsNamedBy(string? agentId) => string.Equals(agentId, Id, StringComparison.Ordinal);
}

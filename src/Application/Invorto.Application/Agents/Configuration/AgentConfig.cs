namespace Invorto.Application.Agents.Configuration;

/// <summary>
/// The agent configuration of spec §3 with its defaults: only <see cref="Prompt"/> must be given.
/// Property names are the camelCase JSON names the client writes.
/// </summary>
public sealed record AgentConfig
{
    public const int MaxPromptLength = 20_000;

    public string Prompt { get; init; } = string.Empty;

    public string? FirstMessage { get; init; }

    public string Locale { get; init; } = "en-IN";

    public VoiceSettings Voice { get; init; } = new();

    public AsrSettings Asr { get; init; } = new();

    public LlmSettings Llm { get; init; } = new();

    public EndpointingSettings Endpointing { get; init; } = new();

    public bool Interruptible { get; init; } = true;

    public BargeInSettings BargeIn { get; init; } = new();

    public string? ConsentPrompt { get; init; }

    public EndCallSettings EndCall { get; init; } = new();

    public IReadOnlyList<ToolDefinition> Tools { get; init; } = [];

    public RulesSettings Rules { get; init; } = new();

    public CapturePolicy CapturePolicy { get; init; } = new();
}

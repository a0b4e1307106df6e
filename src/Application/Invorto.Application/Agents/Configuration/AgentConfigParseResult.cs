namespace Invorto.Application.Agents.Configuration;

/// <summary>
/// The outcome of <see cref="AgentConfigParser.Parse"/>: the configuration with defaults filled in and its
/// normalized JSON, or the problems keyed by the JSON path the client wrote (<c>config.endpointing.silenceMs</c>).
/// </summary>
public sealed record AgentConfigParseResult(AgentConfig? Config, string? NormalizedJson, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Config is not null;
}

using System.Text.Json;

namespace Invorto.Application.Agents.Configuration;

/// <summary>An HTTPS call the agent may make during a conversation (spec §3 <c>tools[]</c>).</summary>
public sealed record ToolDefinition
{
    public string Name { get; init; } = string.Empty;

    public string? Description { get; init; }

    public string Method { get; init; } = "POST";

    public string Url { get; init; } = string.Empty;

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>A JSON Schema object describing the arguments; null means no arguments.</summary>
    public JsonElement? InputSchema { get; init; }

    public JsonElement? OutputSchema { get; init; }

    public bool Blocking { get; init; } = true;

    public int TimeoutMs { get; init; } = 2000;
}

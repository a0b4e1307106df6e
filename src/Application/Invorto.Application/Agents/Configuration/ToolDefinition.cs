using System.Text.Json;

namespace Invorto.Application.Agents.Configuration;

/// <summary>
/// An HTTPS call the agent may make during a conversation (spec §3 <c>tools[]</c>), run by the platform on every transport.
/// A <see cref="ClientSide"/> tool has no URL: the web client runs it (<c>tool.call</c> → <c>tool.result</c>).
/// </summary>
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

    /// <summary>
    /// Run by the web client instead of the platform: the session sends <c>tool.call</c> and waits for <c>tool.result</c>.
    /// Such a tool has no <see cref="Url"/>, and fails on transports without a client (phone calls).
    /// </summary>
    public bool ClientSide { get; init; }
}

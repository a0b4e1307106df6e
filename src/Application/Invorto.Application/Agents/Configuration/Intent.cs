namespace Invorto.Application.Agents.Configuration;

/// <summary>One intent of the rules model: example phrases, a reply, optionally a tool to call.</summary>
public sealed record Intent
{
    public string Name { get; init; } = string.Empty;

    public IReadOnlyList<string> Examples { get; init; } = [];

    public string? Reply { get; init; }

    public string? Tool { get; init; }
}

namespace Invorto.Application.Agents.Configuration;

/// <summary>The intents of the offline <c>rules</c> language model.</summary>
public sealed record RulesSettings
{
    public IReadOnlyList<Intent> Intents { get; init; } = [];
}

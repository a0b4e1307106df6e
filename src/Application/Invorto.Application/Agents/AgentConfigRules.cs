using System.Text.Json;
using FluentValidation;

namespace Invorto.Application.Agents;

/// <summary>The checks every agent configuration passes, whichever use case receives it.</summary>
public static class AgentConfigRules
{
    public const int MaxPromptLength = 20_000;

    public static void AddConfigRules<T>(this AbstractValidator<T> validator, Func<T, JsonElement?> config)
    {
        validator.RuleFor(command => config(command))
            .Must(element => element is { ValueKind: JsonValueKind.Object })
            .WithMessage("is required and must be a JSON object")
            .OverridePropertyName("config");

        validator.RuleFor(command => config(command))
            .Must(element => PromptOf(element) is { Length: > 0 })
            .WithMessage("is required")
            .OverridePropertyName("config.prompt")
            .When(command => config(command) is { ValueKind: JsonValueKind.Object });

        validator.RuleFor(command => PromptOf(config(command)))
            .MaximumLength(MaxPromptLength)
            .WithMessage($"must be at most {MaxPromptLength} characters")
            .OverridePropertyName("config.prompt");
    }

    private static string? PromptOf(JsonElement? config) =>
        config is { ValueKind: JsonValueKind.Object } obj
        && obj.TryGetProperty("prompt", out var prompt)
        && prompt.ValueKind == JsonValueKind.String
            ? prompt.GetString()?.Trim()
            : null;
}

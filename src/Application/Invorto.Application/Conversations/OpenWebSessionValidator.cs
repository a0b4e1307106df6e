using FluentValidation;

namespace Invorto.Application.Conversations;

public sealed class OpenWebSessionValidator : AbstractValidator<OpenWebSessionCommand>
{
    public const int MaxExternalRefLength = 200;
    public const int MaxLocaleLength = 35;

    public OpenWebSessionValidator()
    {
        RuleFor(command => command.SampleRate)
            .Must(rate => rate is 8000 or 16000).WithMessage("must be 8000 or 16000")
            .OverridePropertyName("sampleRate");
        RuleFor(command => command.Locale)
            .Must(locale => locale is null || (!string.IsNullOrWhiteSpace(locale) && locale.Length <= MaxLocaleLength))
            .WithMessage($"must be a locale such as en-IN (at most {MaxLocaleLength} characters)")
            .OverridePropertyName("locale");
        RuleFor(command => command.RequestedCallId)
            .MaximumLength(MaxExternalRefLength).WithMessage($"must be at most {MaxExternalRefLength} characters")
            .OverridePropertyName("callId");
        RuleFor(command => command.AgentId)
            .MaximumLength(MaxExternalRefLength).WithMessage($"must be at most {MaxExternalRefLength} characters")
            .OverridePropertyName("agentId");
    }
}

using FluentValidation;
using Invorto.Domain.Secrets;

namespace Invorto.Application.Secrets.PutTenantSecret;

/// <summary>Messages never quote the value.</summary>
public sealed class PutTenantSecretValidator : AbstractValidator<PutTenantSecretCommand>
{
    public PutTenantSecretValidator()
    {
        RuleFor(command => command.Name).MustBeSecretName().OverridePropertyName("name");

        RuleFor(command => command.Value)
            .NotNull().WithMessage("is required")
            .Must(value => value is null || value.Length is >= 1 and <= TenantSecret.MaxValueLength)
            .WithMessage($"must have 1 to {TenantSecret.MaxValueLength} characters")
            .OverridePropertyName("value");
    }
}

using FluentValidation;
using Invorto.Domain.Tenants;

namespace Invorto.Application.ApiKeys.CreateApiKey;

public sealed class CreateApiKeyValidator : AbstractValidator<CreateApiKeyCommand>
{
    public CreateApiKeyValidator()
    {
        RuleFor(command => command.Name)
            .Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage("is required")
            .Must(name => name is null || name.Trim().Length <= ApiKey.MaxNameLength).WithMessage($"must be at most {ApiKey.MaxNameLength} characters")
            .OverridePropertyName("name");

        RuleFor(command => command.Role)
            .Must(role => ApiKeyRoles.TryParse(role, out _)).WithMessage("must be one of admin, dev, analyst")
            .OverridePropertyName("role");
    }
}

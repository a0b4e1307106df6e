using FluentValidation;

namespace Invorto.Application.Secrets.DeleteTenantSecret;

public sealed class DeleteTenantSecretValidator : AbstractValidator<DeleteTenantSecretCommand>
{
    public DeleteTenantSecretValidator() =>
        RuleFor(command => command.Name).MustBeSecretName().OverridePropertyName("name");
}

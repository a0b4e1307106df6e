using FluentValidation;
using Invorto.Domain.Tenants;

namespace Invorto.Application.Tenants.CreateTenant;

public sealed class CreateTenantValidator : AbstractValidator<CreateTenantCommand>
{
    public CreateTenantValidator() =>
        RuleFor(command => command.Name)
            .Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage("is required")
            .MaximumLength(Tenant.MaxNameLength).WithMessage($"must be at most {Tenant.MaxNameLength} characters")
            .OverridePropertyName("name");
}

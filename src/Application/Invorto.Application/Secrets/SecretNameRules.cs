using FluentValidation;
using Invorto.Domain.Secrets;

namespace Invorto.Application.Secrets;

/// <summary>The one wording of the secret name rule, for every validator that takes a name.</summary>
public static class SecretNameRules
{
    public const string Message = "must be a lowercase letter followed by up to 63 lowercase letters, digits or underscores";

    public static IRuleBuilderOptions<T, string?> MustBeSecretName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(TenantSecret.IsValidName).WithMessage(Message);
}

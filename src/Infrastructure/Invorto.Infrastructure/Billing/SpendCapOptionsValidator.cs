using Invorto.Infrastructure.Configuration;
using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Billing;

internal sealed class SpendCapOptionsValidator : IValidateOptions<SpendCapOptions>
{
    public ValidateOptionsResult Validate(string? name, SpendCapOptions options)
    {
        var check = new OptionsValidationBuilder();
        if (options.DailySpendCapInr is < 0 or > 9_999_999_999.99m)
        {
            check.Fail("DAILY_SPEND_CAP_INR", $"must be between 0 and 9999999999.99 INR, or unset for no cap (was {options.DailySpendCapInr}).");
        }

        return check.ToResult();
    }
}

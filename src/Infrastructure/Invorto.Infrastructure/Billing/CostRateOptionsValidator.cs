using Invorto.Infrastructure.Configuration;
using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Billing;

internal sealed class CostRateOptionsValidator : IValidateOptions<CostRateOptions>
{
    public ValidateOptionsResult Validate(string? name, CostRateOptions options)
    {
        var check = new OptionsValidationBuilder();
        if (options.UsdInrRate is <= 0 or > 10_000)
        {
            check.Fail("USD_INR_RATE", $"must be a positive rate of at most 10000 rupees per dollar (was {options.UsdInrRate}).");
        }

        if (!CostRatesReader.TryRead(options, out _, out var problem))
        {
            check.Fail("COST_RATES", problem!);
        }

        return check.ToResult();
    }
}

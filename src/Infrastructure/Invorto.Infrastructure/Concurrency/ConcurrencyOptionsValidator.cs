using Invorto.Infrastructure.Configuration;
using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Concurrency;

internal sealed class ConcurrencyOptionsValidator : IValidateOptions<ConcurrencyOptions>
{
    public ValidateOptionsResult Validate(string? name, ConcurrencyOptions options)
    {
        var check = new OptionsValidationBuilder();
        check.RequireRange("TELEPHONY_GLOBAL_MAX_CONCURRENCY", options.GlobalMaxConcurrency, 1, 1_000_000);
        check.RequireRange("TELEPHONY_PER_CAMPAIGN_MAX_CONCURRENCY", options.PerCampaignMaxConcurrency, 1, 1_000_000);
        check.RequireRange("TELEPHONY_SEMAPHORE_TTL_SEC", options.SemaphoreTtlSec, 30, 86_400);
        check.RequireRange("MAX_CONCURRENT_CALLS", options.MaxConcurrentCalls, 1, 1_000_000);
        return check.ToResult();
    }
}

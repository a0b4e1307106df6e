using Microsoft.Extensions.Configuration;

namespace Invorto.Infrastructure.Concurrency;

/// <summary>The runbook's concurrency defaults (runbook §2, spec §7).</summary>
public sealed class ConcurrencyOptions
{
    [ConfigurationKeyName("TELEPHONY_GLOBAL_MAX_CONCURRENCY")]
    public int GlobalMaxConcurrency { get; set; } = 10_000;

    [ConfigurationKeyName("TELEPHONY_PER_CAMPAIGN_MAX_CONCURRENCY")]
    public int PerCampaignMaxConcurrency { get; set; } = 100;

    [ConfigurationKeyName("TELEPHONY_SEMAPHORE_TTL_SEC")]
    public int SemaphoreTtlSec { get; set; } = 600;

    /// <summary>The API-level guard per tenant: non-terminal calls at once.</summary>
    [ConfigurationKeyName("MAX_CONCURRENT_CALLS")]
    public int MaxConcurrentCalls { get; set; } = 200;
}

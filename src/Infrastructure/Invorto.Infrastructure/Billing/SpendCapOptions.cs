using Microsoft.Extensions.Configuration;

namespace Invorto.Infrastructure.Billing;

/// <summary>The platform's default daily spend cap for tenants without their own (spec §4); unset means no cap.</summary>
public sealed class SpendCapOptions
{
    [ConfigurationKeyName("DAILY_SPEND_CAP_INR")]
    public decimal? DailySpendCapInr { get; set; }
}

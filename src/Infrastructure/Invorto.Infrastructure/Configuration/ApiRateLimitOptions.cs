using Microsoft.Extensions.Configuration;

namespace Invorto.Infrastructure.Configuration;

/// <summary>The public API's request budget per API key (spec §4).</summary>
public sealed class ApiRateLimitOptions
{
    public const int Maximum = 1_000_000;

    [ConfigurationKeyName("API_RATE_LIMIT_PER_MIN")]
    public int PerMinute { get; set; } = 60;
}

using Microsoft.Extensions.Configuration;

namespace Invorto.Infrastructure.Billing;

/// <summary>
/// <c>USD_INR_RATE</c> (default 87) and <c>COST_RATES</c>: a JSON object of <c>"type:provider": usdPerUnit</c> entries
/// that replace or add to the default rates (for example <c>{"transport:jambonz":0.004,"tts:elevenlabs":0.18}</c>).
/// </summary>
public sealed class CostRateOptions
{
    [ConfigurationKeyName("USD_INR_RATE")]
    public decimal UsdInrRate { get; set; } = 87m;

    [ConfigurationKeyName("COST_RATES")]
    public string? Overrides { get; set; }
}

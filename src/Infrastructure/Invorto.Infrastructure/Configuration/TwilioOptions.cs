using Microsoft.Extensions.Configuration;

namespace Invorto.Infrastructure.Configuration;

public sealed class TwilioOptions
{
    [ConfigurationKeyName("TWILIO_ACCOUNT_SID")]
    public string? AccountSid { get; set; }

    [ConfigurationKeyName("TWILIO_AUTH_TOKEN")]
    public string? AuthToken { get; set; }

    /// <summary>Twilio's REST base; tests point it at a local fake.</summary>
    [ConfigurationKeyName("TWILIO_API_BASE_URL")]
    public string ApiBaseUrl { get; set; } = "https://api.twilio.com";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(AccountSid) && !string.IsNullOrWhiteSpace(AuthToken);
}

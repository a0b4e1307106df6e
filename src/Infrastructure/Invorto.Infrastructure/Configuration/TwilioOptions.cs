using Microsoft.Extensions.Configuration;

namespace Invorto.Infrastructure.Configuration;

public sealed class TwilioOptions
{
    [ConfigurationKeyName("TWILIO_ACCOUNT_SID")]
    public string? AccountSid { get; set; }

    [ConfigurationKeyName("TWILIO_AUTH_TOKEN")]
    public string? AuthToken { get; set; }
}

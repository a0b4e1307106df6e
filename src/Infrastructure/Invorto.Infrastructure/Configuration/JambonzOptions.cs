using Microsoft.Extensions.Configuration;

namespace Invorto.Infrastructure.Configuration;

/// <summary>The Jambonz account used for origination and hook verification (spec §6).</summary>
public sealed class JambonzOptions
{
    [ConfigurationKeyName("JAMBONZ_API_BASE_URL")]
    public string? ApiBaseUrl { get; set; }

    [ConfigurationKeyName("JAMBONZ_ACCOUNT_SID")]
    public string? AccountSid { get; set; }

    [ConfigurationKeyName("JAMBONZ_API_KEY")]
    public string? ApiKey { get; set; }

    [ConfigurationKeyName("JAMBONZ_APPLICATION_SID")]
    public string? ApplicationSid { get; set; }

    [ConfigurationKeyName("JAMBONZ_WEBHOOK_SECRET")]
    public string? WebhookSecret { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiBaseUrl);
}

using Microsoft.Extensions.Configuration;

namespace Invorto.Infrastructure.Configuration;

/// <summary>Where the platform is reachable from outside; used to build hook and stream URLs for providers.</summary>
public sealed class PublicUrlsOptions
{
    [ConfigurationKeyName("PUBLIC_BASE_URL")]
    public string PublicBaseUrl { get; set; } = "http://localhost:8080";

    [ConfigurationKeyName("API_BASE_URL")]
    public string ApiBaseUrl { get; set; } = "http://localhost:8080/v1";

    [ConfigurationKeyName("REALTIME_WS_URL")]
    public string RealtimeWsUrl { get; set; } = "ws://localhost:8081/realtime/voice";

    [ConfigurationKeyName("WEBHOOK_BASE_URL")]
    public string WebhookBaseUrl { get; set; } = "http://localhost:8082/webhooks";

    [ConfigurationKeyName("TELEPHONY_WEBHOOK_BASE_URL")]
    public string TelephonyWebhookBaseUrl { get; set; } = "http://localhost:8085/telephony";
}

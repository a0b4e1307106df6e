using Microsoft.Extensions.Configuration;

namespace Invorto.Infrastructure.Configuration;

/// <summary>Credentials of the realtime gateway (spec §5.1).</summary>
public sealed class RealtimeOptions
{
    public const int MinSecretLength = 32;

    /// <summary>Platform operations key: canary sessions and joining existing calls.</summary>
    [ConfigurationKeyName("REALTIME_API_KEY")]
    public string? ApiKey { get; set; }

    /// <summary>HS256 key for short-lived browser tokens and the Jambonz metadata token.</summary>
    [ConfigurationKeyName("REALTIME_WS_SECRET")]
    public string? WsSecret { get; set; }

    [ConfigurationKeyName("REALTIME_CONNECTS_PER_SEC")]
    public int ConnectsPerSecond { get; set; } = 3;
}

using Microsoft.Extensions.Configuration;

namespace Invorto.Infrastructure.Redis;

public sealed class RedisOptions
{
    /// <summary><c>redis://[:password@]host:6379[/db]</c>, <c>rediss://</c> for TLS, or a StackExchange configuration string; unset means in-process substitutes.</summary>
    [ConfigurationKeyName("REDIS_URL")]
    public string? RedisUrl { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(RedisUrl);
}

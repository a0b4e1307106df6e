using StackExchange.Redis;

namespace Invorto.Infrastructure.Redis;

/// <summary>Turns <c>REDIS_URL</c> into StackExchange options that reconnect by themselves and fail fast while Redis is away.</summary>
public static class RedisConnectionOptions
{
    public static ConfigurationOptions FromRedisUrl(string redisUrl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(redisUrl);
        var trimmed = redisUrl.Trim();
        ConfigurationOptions options;
        if (trimmed.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            {
                throw new FormatException("REDIS_URL is not a valid redis:// URL.");
            }

            options = new ConfigurationOptions { Ssl = uri.Scheme.Equals("rediss", StringComparison.OrdinalIgnoreCase) };
            options.EndPoints.Add(uri.Host, uri.IsDefaultPort || uri.Port <= 0 ? 6379 : uri.Port);
            var userInfo = uri.UserInfo.Split(':', 2);
            if (userInfo.Length == 2)
            {
                options.User = userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : null;
                options.Password = Uri.UnescapeDataString(userInfo[1]);
            }
            else if (userInfo[0].Length > 0)
            {
                options.Password = Uri.UnescapeDataString(userInfo[0]);
            }

            if (int.TryParse(uri.AbsolutePath.Trim('/'), out var database))
            {
                options.DefaultDatabase = database;
            }
        }
        else
        {
            options = ConfigurationOptions.Parse(trimmed);
        }

        options.AbortOnConnectFail = false;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 2000);
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, 2000);
        options.SyncTimeout = Math.Min(options.SyncTimeout, 2000);
        options.ClientName ??= "invorto";
        return options;
    }
}

using StackExchange.Redis;

namespace Invorto.Bench.Limiter;

/// <summary>Accepts <c>redis://host:port</c> or a StackExchange.Redis configuration string.</summary>
internal static class RedisAddress
{
    public static ConfigurationOptions Parse(string address)
    {
        var text = address.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) ? address["redis://".Length..].TrimEnd('/') : address;
        return ConfigurationOptions.Parse(text);
    }

    /// <summary>The benchmark measures a Redis on this machine only; a remote one would measure the network.</summary>
    public static void RequireLoopback(ConfigurationOptions options)
    {
        foreach (var endPoint in options.EndPoints)
        {
            var host = endPoint switch
            {
                System.Net.DnsEndPoint dns => dns.Host,
                System.Net.IPEndPoint ip => ip.Address.ToString(),
                _ => endPoint.ToString() ?? string.Empty,
            };
            if (host is not ("127.0.0.1" or "localhost" or "::1"))
            {
                throw new ArgumentException($"The limiter benchmark runs against a local Redis only (127.0.0.1), not '{host}'.", nameof(options));
            }
        }
    }
}

using Invorto.Infrastructure.Redis;
using StackExchange.Redis;

namespace Invorto.Testing;

/// <summary>
/// The Redis that integration tests run against: <c>REDIS_URL</c> when set (<c>redis://host:port</c>, <c>host:port</c>
/// or any StackExchange.Redis configuration string). Unset in CI (<c>CI=true</c>) is an error, so Redis tests fail
/// rather than skip; unset locally, one private <c>redis-server</c> is started for the test run and killed at exit.
/// </summary>
public static class TestRedis
{
    private static readonly Lazy<RedisServerProcess> PrivateServer = new(StartPrivateServer);

    /// <summary>Connection options for the test Redis, with short timeouts so a broken server fails a test quickly.</summary>
    public static ConfigurationOptions Options()
    {
        var url = Environment.GetEnvironmentVariable("REDIS_URL");
        if (string.IsNullOrWhiteSpace(url))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    "REDIS_URL is not set. In CI the Redis tests must run: start redis-server and export REDIS_URL=redis://127.0.0.1:<port>.");
            }

            url = PrivateServer.Value.EndPoint;
        }

        var options = Parse(url);
        options.ConnectTimeout = 5_000;
        options.AsyncTimeout = 5_000;
        options.SyncTimeout = 5_000;
        return options;
    }

    public static async Task<ConnectionMultiplexer> ConnectAsync() => await ConnectionMultiplexer.ConnectAsync(Options());

    /// <summary>A key prefix no other test uses, so tests can share one Redis and run in parallel.</summary>
    public static string UniqueKeyPrefix(string scenario) => $"test:{scenario}:{Guid.NewGuid():N}:";

    /// <summary>
    /// Reads <c>REDIS_URL</c> the way the platform does (<see cref="RedisConnectionOptions.FromRedisUrl"/>), except that a test
    /// connect fails at once when the server is not there.
    /// </summary>
    public static ConfigurationOptions Parse(string url)
    {
        var options = RedisConnectionOptions.FromRedisUrl(url);
        options.AbortOnConnectFail = true;
        return options;
    }

    private static RedisServerProcess StartPrivateServer()
    {
        var server = RedisServerProcess.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    }
}

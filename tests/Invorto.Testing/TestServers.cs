namespace Invorto.Testing;

/// <summary>
/// Where the real PostgreSQL and Redis of integration tests are. scripts/test.sh starts throwaway servers and
/// exports DB_URL and REDIS_URL; a missing server fails the test (never skips it), in CI and locally alike.
/// </summary>
public static class TestServers
{
    public static string DbUrl => Require("DB_URL");

    public static string RedisUrl => Require("REDIS_URL");

    private static string Require(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set. Integration tests need real servers: run 'bash scripts/test.sh', which starts PostgreSQL and Redis and exports DB_URL and REDIS_URL.");
}

using StackExchange.Redis;
using Xunit;

namespace Invorto.Testing;

/// <summary>One connection to the test Redis (<see cref="TestRedis"/>) shared by the tests of a class.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private ConnectionMultiplexer? _connection;

    public IConnectionMultiplexer Connection => _connection ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async Task InitializeAsync() => _connection = await TestRedis.ConnectAsync();

    public async Task DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}

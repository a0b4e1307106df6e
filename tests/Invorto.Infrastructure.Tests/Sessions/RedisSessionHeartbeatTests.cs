using Invorto.Application.Conversations;
using Invorto.Infrastructure.Sessions;
using Invorto.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Invorto.Infrastructure.Tests.Sessions;

/// <summary>The heartbeat contract on a real Redis, plus the key and its expiry.</summary>
public sealed class RedisSessionHeartbeatTests(RedisFixture redis) : SessionHeartbeatContract, IClassFixture<RedisFixture>
{
    private readonly RedisSessionHeartbeat _heartbeat = new(redis.Connection, NullLogger<RedisSessionHeartbeat>.Instance);

    protected override ISessionHeartbeat Heartbeat => _heartbeat;

    [Fact]
    public async Task A_beat_is_a_json_string_under_the_spec_key_expiring_in_two_hours()
    {
        var beat = Beat(Guid.NewGuid(), T0);

        await _heartbeat.BeatAsync(beat, CancellationToken.None);

        var database = redis.Connection.GetDatabase();
        var key = $"invorto:session:{beat.CallId}";
        var json = (string?)await database.StringGetAsync(key);
        json.ShouldNotBeNull();
        json.ShouldContain($"\"callId\":\"{beat.CallId}\"");
        json.ShouldContain("\"transport\":\"jambonz\"");
        var ttl = await database.KeyTimeToLiveAsync(key);
        ttl.ShouldNotBeNull();
        ttl.Value.ShouldBeInRange(TimeSpan.FromHours(2) - TimeSpan.FromMinutes(5), TimeSpan.FromHours(2));
    }

    [Fact]
    public async Task An_unreadable_record_counts_as_no_beat()
    {
        var call = Guid.NewGuid();
        await redis.Connection.GetDatabase().StringSetAsync($"invorto:session:{call}", "{not json", TimeSpan.FromMinutes(1));

        var found = await _heartbeat.FindAsync(call, CancellationToken.None);

        found.ShouldBeNull();
    }
}

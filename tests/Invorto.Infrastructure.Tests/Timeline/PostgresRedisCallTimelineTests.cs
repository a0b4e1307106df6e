using Invorto.Application.Conversations;
using Invorto.Infrastructure.Persistence;
using Invorto.Infrastructure.Persistence.Postgres;
using Invorto.Infrastructure.Tests.Persistence;
using Invorto.Infrastructure.Timeline;
using Invorto.Testing;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Invorto.Infrastructure.Tests.Timeline;

/// <summary>The timeline contract on Redis streams and PostgreSQL (binary COPY), plus what only Redis shows: keys, trimming, expiry.</summary>
public sealed class PostgresRedisCallTimelineTests(RedisFixture redis) : CallTimelineContract<PostgresProvider>, IClassFixture<RedisFixture>
{
    protected override ICallTimelineStream CreateTimeline(TimelineQueue queue, out ICallTimeline appender)
    {
        var timeline = new RedisCallTimeline(queue, redis.Connection);
        appender = timeline;
        return timeline;
    }

    protected override InvortoDbContext UnreachableContext()
    {
        var builder = new DbContextOptionsBuilder<PostgresInvortoDbContext>();
        builder.UseInvortoPostgres("Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=2");
        return new PostgresInvortoDbContext(builder.Options);
    }

    [Fact]
    public async Task Each_call_has_a_stream_named_by_the_spec_trimmed_to_about_ten_thousand_entries_and_expiring()
    {
        var call = (await SeedCallsAsync(1))[0];
        var queue = new TimelineQueue(Metrics);
        var stream = CreateTimeline(queue, out var timeline);
        for (var seq = 0; seq < 10_600; seq++)
        {
            timeline.Append(Entry(call, seq));
        }

        await StartWriterAsync(queue, stream);
        await WaitForPersistedAsync([call], 10_600);

        var database = redis.Connection.GetDatabase();
        var key = $"events:{call}";
        (await database.KeyTypeAsync(key)).ShouldBe(RedisType.Stream);
        (await database.StreamLengthAsync(key)).ShouldBeInRange(10_000, 10_599);
        var last = (await database.StreamRangeAsync(key, "-", "+", count: 1, messageOrder: Order.Descending))[0];
        ((string?)last["kind"]).ShouldBe("test.entry");
        ((string?)last["at"]).ShouldBe(T0.AddMilliseconds(10_599 / 2).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        ((string?)last["payload"]).ShouldBe("""{"seq":10599}""");
        var ttl = await database.KeyTimeToLiveAsync(key);
        ttl.ShouldNotBeNull();
        ttl.Value.ShouldBeInRange(ICallTimelineStream.Retention - TimeSpan.FromMinutes(5), ICallTimelineStream.Retention);
    }
}

using Invorto.Application.Conversations;
using Invorto.Infrastructure.Sessions;
using Microsoft.Extensions.Time.Testing;

namespace Invorto.Infrastructure.Tests.Sessions;

public sealed class InProcessSessionHeartbeatTests : SessionHeartbeatContract
{
    private readonly FakeTimeProvider _clock = new(T0);
    private readonly InProcessSessionHeartbeat _heartbeat;

    public InProcessSessionHeartbeatTests() => _heartbeat = new InProcessSessionHeartbeat(_clock);

    protected override ISessionHeartbeat Heartbeat => _heartbeat;

    [Fact]
    public async Task A_beat_expires_two_hours_after_it_was_written_like_the_redis_key()
    {
        var beat = Beat(Guid.NewGuid(), T0);
        await _heartbeat.BeatAsync(beat, CancellationToken.None);

        _clock.Advance(RedisSessionHeartbeat.Ttl - TimeSpan.FromSeconds(1));
        (await _heartbeat.FindAsync(beat.CallId, CancellationToken.None)).ShouldNotBeNull();
        _clock.Advance(TimeSpan.FromSeconds(1));

        (await _heartbeat.FindAsync(beat.CallId, CancellationToken.None)).ShouldBeNull();
        await _heartbeat.BeatAsync(Beat(Guid.NewGuid(), _clock.GetUtcNow()), CancellationToken.None);
        _heartbeat.Count.ShouldBe(1, "expired records are swept");
    }
}

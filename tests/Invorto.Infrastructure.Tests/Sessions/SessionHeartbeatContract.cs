using Invorto.Application.Conversations;

namespace Invorto.Infrastructure.Tests.Sessions;

/// <summary>What every <see cref="ISessionHeartbeat"/> promises (spec §7), run against each implementation.</summary>
public abstract class SessionHeartbeatContract
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    protected abstract ISessionHeartbeat Heartbeat { get; }

    protected static SessionBeat Beat(Guid callId, DateTimeOffset at) => new(callId, Guid.NewGuid(), "jambonz", "rt-1:4242", at);

    [Fact]
    public async Task A_beat_is_found_as_written()
    {
        var beat = Beat(Guid.NewGuid(), T0.AddTicks(1234567));

        await Heartbeat.BeatAsync(beat, CancellationToken.None);

        (await Heartbeat.FindAsync(beat.CallId, CancellationToken.None)).ShouldBe(beat);
    }

    [Fact]
    public async Task A_later_beat_replaces_the_earlier_one()
    {
        var call = Guid.NewGuid();
        await Heartbeat.BeatAsync(Beat(call, T0), CancellationToken.None);

        await Heartbeat.BeatAsync(Beat(call, T0.AddSeconds(10)), CancellationToken.None);

        (await Heartbeat.FindAsync(call, CancellationToken.None))!.At.ShouldBe(T0.AddSeconds(10));
    }

    [Fact]
    public async Task Ending_a_session_removes_its_beat_and_may_be_repeated()
    {
        var beat = Beat(Guid.NewGuid(), T0);
        await Heartbeat.BeatAsync(beat, CancellationToken.None);

        await Heartbeat.EndAsync(beat.CallId, CancellationToken.None);
        await Heartbeat.EndAsync(beat.CallId, CancellationToken.None);

        (await Heartbeat.FindAsync(beat.CallId, CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task A_call_that_never_beat_has_no_beat()
    {
        var found = await Heartbeat.FindAsync(Guid.NewGuid(), CancellationToken.None);

        found.ShouldBeNull();
    }
}

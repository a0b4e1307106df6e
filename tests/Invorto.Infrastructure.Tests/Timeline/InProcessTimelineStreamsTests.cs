using Invorto.Application.Conversations;
using Invorto.Infrastructure.Timeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Invorto.Infrastructure.Tests.Timeline;

public sealed class InProcessTimelineStreamsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(T0);

    private static TimelineEntry Entry(Guid call, int seq) => new(call, Guid.NewGuid(), "test.entry", T0.AddMilliseconds(seq), $$"""{"seq":{{seq}}}""");

    [Fact]
    public void A_call_keeps_its_last_ten_thousand_entries()
    {
        var streams = new InProcessTimelineStreams(_clock);
        var call = Guid.NewGuid();

        streams.Append(Enumerable.Range(0, 10_005).Select(seq => Entry(call, seq)).ToList());

        var kept = streams.Read(call);
        kept.Count.ShouldBe(ICallTimelineStream.MaxLength);
        kept[0].PayloadJson.ShouldBe("""{"seq":5}""");
        kept[^1].PayloadJson.ShouldBe("""{"seq":10004}""");
    }

    [Fact]
    public void A_stream_is_forgotten_two_hours_after_its_last_entry()
    {
        var streams = new InProcessTimelineStreams(_clock);
        var ended = Guid.NewGuid();
        var live = Guid.NewGuid();
        streams.Append([Entry(ended, 0)]);

        _clock.Advance(ICallTimelineStream.Retention);
        streams.Append([Entry(live, 0)]);

        streams.Read(ended).ShouldBeEmpty();
        streams.Read(live).Count.ShouldBe(1);
        streams.StreamCount.ShouldBe(1);
    }

    [Fact]
    public async Task Services_of_one_embedded_process_share_one_stream_and_one_session_store()
    {
        using var embedded = new EmbeddedServices(sharedAcrossServices: true);
        await using var realtime = Container(embedded);
        await using var api = Container(embedded);
        var call = Guid.NewGuid();

        await realtime.GetRequiredService<ICallTimelineStream>().AppendAsync([Entry(call, 1)], CancellationToken.None);
        await realtime.GetRequiredService<ISessionHeartbeat>().BeatAsync(new SessionBeat(call, Guid.NewGuid(), "web", "local", T0), CancellationToken.None);

        (await api.GetRequiredService<ICallTimelineStream>().ReadAsync(call, CancellationToken.None)).Count.ShouldBe(1);
        (await api.GetRequiredService<ISessionHeartbeat>().FindAsync(call, CancellationToken.None)).ShouldNotBeNull();
        api.GetRequiredService<ICallTimeline>().ShouldNotBeSameAs(realtime.GetRequiredService<ICallTimeline>(), "each service drains its own queue");
    }

    private static ServiceProvider Container(EmbeddedServices embedded) =>
        new ServiceCollection()
            .AddLogging()
            .AddInfrastructure(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["INVORTO_DATA_DIR"] = Path.GetTempPath() }).Build(), embedded)
            .BuildServiceProvider();
}

using System.Diagnostics.Metrics;
using Invorto.Application.Conversations;
using Invorto.Infrastructure.Timeline;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Infrastructure.Tests.Timeline;

public sealed class TimelineQueueTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private IMeterFactory MeterFactory => _services.GetRequiredService<IMeterFactory>();

    public void Dispose() => _services.Dispose();

    private static TimelineEntry Entry(int seq) => new(Guid.NewGuid(), Guid.NewGuid(), "test.queue", DateTimeOffset.UnixEpoch.AddSeconds(seq));

    [Fact]
    public void A_full_queue_drops_the_new_entry_and_counts_it_instead_of_waiting()
    {
        using var recorded = new TimelineMetricsRecorder(MeterFactory);
        var queue = new TimelineQueue(new TimelineMetrics(MeterFactory), capacity: 10);

        var accepted = Enumerable.Range(0, 15).Select(seq => queue.Append(Entry(seq))).ToList();

        accepted.Count(ok => ok).ShouldBe(10);
        accepted.Skip(10).ShouldAllBe(ok => !ok);
        queue.Count.ShouldBe(10);
        recorded.Dropped(TimelineMetrics.QueueFull).ShouldBe(5);
    }

    [Fact]
    public void A_completed_queue_drops_new_entries_and_keeps_what_it_holds()
    {
        using var recorded = new TimelineMetricsRecorder(MeterFactory);
        var queue = new TimelineQueue(new TimelineMetrics(MeterFactory), capacity: 10);
        queue.Append(Entry(1)).ShouldBeTrue();

        queue.Complete();

        queue.Append(Entry(2)).ShouldBeFalse();
        queue.Count.ShouldBe(1);
        recorded.Dropped(TimelineMetrics.QueueFull).ShouldBe(1);
    }

    [Fact]
    public void A_payload_over_the_size_cap_is_replaced_by_a_truncation_marker_and_counted()
    {
        using var recorded = new TimelineMetricsRecorder(MeterFactory);
        var queue = new TimelineQueue(new TimelineMetrics(MeterFactory), capacity: 10);
        var oversized = $"{{\"digits\":\"{new string('1', 64 * 1024)}\"}}";
        var small = Entry(1) with { PayloadJson = "{\"digits\":\"5\"}" };

        queue.Append(Entry(0) with { PayloadJson = oversized }).ShouldBeTrue();
        queue.Append(small).ShouldBeTrue();

        queue.Reader.TryRead(out var capped).ShouldBeTrue();
        capped!.PayloadJson.ShouldBe($"{{\"truncated\":true,\"bytes\":{oversized.Length}}}");
        queue.Reader.TryRead(out var kept).ShouldBeTrue();
        kept.ShouldBeSameAs(small);
        recorded.Truncated.ShouldBe(1);
    }

    [Fact]
    public void A_payload_exactly_at_the_size_cap_is_kept()
    {
        var queue = new TimelineQueue(new TimelineMetrics(MeterFactory), capacity: 10);
        var payload = "\"" + new string('x', TimelineQueue.MaxPayloadBytes - 2) + "\"";

        queue.Append(Entry(0) with { PayloadJson = payload }).ShouldBeTrue();

        queue.Reader.TryRead(out var kept).ShouldBeTrue();
        kept!.PayloadJson.ShouldBe(payload);
    }
}

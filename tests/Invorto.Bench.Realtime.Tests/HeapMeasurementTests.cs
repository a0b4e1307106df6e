using System.Text.Json.Nodes;
using Invorto.Bench.Realtime;

namespace Invorto.Bench.Realtime.Tests;

public sealed class HeapMeasurementTests
{
    // Captured from `dotnet-gcdump report` (10.0.750501) of the Realtime host holding 100 sessions, rows cut.
    private const string LowReport = """
              22,069,038  GC Heap bytes
                  80,792  GC Heap objects

            Object Bytes     Count  Type
                 262,168         1  System.Byte[][] (Bytes > 100K)  [System.Private.CoreLib.dll]
                 144,168        53  OpenTelemetry.Metrics.MetricPoint[] (Bytes > 100K)  [OpenTelemetry.dll]
                 131,096         1  System.Byte[] (Bytes > 100K)  [System.Private.CoreLib.dll]
                  67,340         1  System.String (Bytes > 10K)  [System.Private.CoreLib.dll]
                  16,408         8  System.Byte[] (Bytes > 10K)  [System.Private.CoreLib.dll]
                   3,096       100  Invorto.Application.Conversations.Engine.OutboundFrame[] (Bytes > 1K)  [Invorto.Application.dll]
                   1,048       518  System.Byte[] (Bytes > 1K)  [System.Private.CoreLib.dll]
                     496       100  Invorto.Application.Conversations.Engine.ConversationSession  [Invorto.Application.dll]
                      64         1  System.Func<System.Byte[]>  [System.Private.CoreLib.dll]
                      24     5,992  System.Byte[]  [System.Private.CoreLib.dll]
                      24         1  Microsoft.Extensions.Logging.Logger<Invorto.Infrastructure.Timeline.TimelineWriter>  [Microsoft.Extensions.Logging.Abstractions.dll]
                      22    12,908  System.String  [System.Private.CoreLib.dll]
            """;

    // The same host kind at 300 sessions (the rows of the types above).
    private const string HighReport = """
              38,687,466  GC Heap bytes
                 164,985  GC Heap objects

            Object Bytes     Count  Type
                 262,168         1  System.Byte[][] (Bytes > 100K)  [System.Private.CoreLib.dll]
                 144,168        53  OpenTelemetry.Metrics.MetricPoint[] (Bytes > 100K)  [OpenTelemetry.dll]
                 131,096         1  System.Byte[] (Bytes > 100K)  [System.Private.CoreLib.dll]
                  67,340         1  System.String (Bytes > 10K)  [System.Private.CoreLib.dll]
                  16,408         7  System.Byte[] (Bytes > 10K)  [System.Private.CoreLib.dll]
                   3,096       300  Invorto.Application.Conversations.Engine.OutboundFrame[] (Bytes > 1K)  [Invorto.Application.dll]
                   1,048     1,528  System.Byte[] (Bytes > 1K)  [System.Private.CoreLib.dll]
                     496       300  Invorto.Application.Conversations.Engine.ConversationSession  [Invorto.Application.dll]
                      64         1  System.Func<System.Byte[]>  [System.Private.CoreLib.dll]
                      24    14,120  System.Byte[]  [System.Private.CoreLib.dll]
                      24         1  Microsoft.Extensions.Logging.Logger<Invorto.Infrastructure.Timeline.TimelineWriter>  [Microsoft.Extensions.Logging.Abstractions.dll]
                      22    23,568  System.String  [System.Private.CoreLib.dll]
            """;

    [Fact]
    public void Report_totals_come_from_its_header()
    {
        var report = GcdumpReport.Parse(LowReport);

        report.TotalBytes.ShouldBe(22_069_038);
        report.TotalObjects.ShouldBe(80_792);
    }

    [Fact]
    public void Report_rows_merge_a_types_size_buckets_and_multiply_the_instance_size_by_the_count()
    {
        var report = GcdumpReport.Parse(LowReport);

        var bytes = report.Types["System.Byte[] [System.Private.CoreLib.dll]"];
        bytes.Count.ShouldBe(1 + 8 + 518 + 5_992);
        bytes.Bytes.ShouldBe(131_096 + (16_408 * 8) + (1_048 * 518) + (24 * 5_992));
        bytes.BytesEstimated.ShouldBeTrue();
        var session = report.Types["Invorto.Application.Conversations.Engine.ConversationSession [Invorto.Application.dll]"];
        session.ShouldBe(new HeapTypeStat("Invorto.Application.Conversations.Engine.ConversationSession", "Invorto.Application.dll", 49_600, 100, BytesEstimated: false));
        report.Types.Keys.ShouldContain("System.Byte[][] [System.Private.CoreLib.dll]");
        report.Types.Keys.ShouldContain("System.Func<System.Byte[]> [System.Private.CoreLib.dll]");
        report.Types.Count.ShouldBe(8);
    }

    [Fact]
    public void Text_without_the_header_is_not_a_report()
    {
        Should.Throw<FormatException>(() => GcdumpReport.Parse("Failed to collect gcdump. Try running with '-v' for more information."));
    }

    [Fact]
    public void Size_bucket_suffix_is_dropped_from_a_type_name()
    {
        HeapTypeStat.WithoutBucket("System.Byte[] (Bytes > 100K)").ShouldBe("System.Byte[]");
        HeapTypeStat.WithoutBucket("System.String").ShouldBe("System.String");
    }

    [Fact]
    public void Per_session_figure_is_the_slope_between_the_two_counts()
    {
        HeapSlope.PerSession(22_000_000, 28_000_000, 100, 300).ShouldBe(30_000);
        Should.Throw<ArgumentException>(() => HeapSlope.PerSession(1, 2, 300, 300));
    }

    [Fact]
    public void Heap_figures_take_the_median_of_each_counts_dumps()
    {
        var low = new[] { GcdumpReport.Parse(LowReport), GcdumpReport.Parse(LowReport.Replace("22,069,038", "22,274,230", StringComparison.Ordinal)) };
        var high = new[] { GcdumpReport.Parse(HighReport) };

        var figures = HeapFigures.From(100, low, 300, high);

        figures.LowBytes.ShouldBe(22_171_634);
        figures.HighBytes.ShouldBe(38_687_466);
        figures.BytesPerSession.ShouldBe(82_579);
        figures.ObjectsPerSession.ShouldBe(421);
    }

    [Fact]
    public void Growth_by_type_is_per_session_largest_first_and_leaves_out_types_that_did_not_grow()
    {
        var growth = HeapSlope.ByType(GcdumpReport.Parse(LowReport), GcdumpReport.Parse(HighReport), 100, 300);

        growth[0].TypeName.ShouldBe("System.Byte[]");
        growth[0].ObjectsPerSession.ShouldBe((14_120 - 5_992 + 1_528 - 518 - 1) / 200.0);
        var frames = growth.Single(g => g.TypeName == "Invorto.Application.Conversations.Engine.OutboundFrame[]");
        frames.BytesPerSession.ShouldBe(3_096);
        frames.ObjectsPerSession.ShouldBe(1);
        growth.ShouldNotContain(g => g.TypeName == "OpenTelemetry.Metrics.MetricPoint[]");
        growth.Select(g => g.BytesPerSession).ShouldBeInOrder(SortDirection.Descending);
    }

    [Fact]
    public void Exact_types_replace_the_estimates_and_keep_the_totals()
    {
        var report = GcdumpReport.Parse(LowReport).WithTypes(
        [
            new HeapTypeStat("System.Byte[]", "System.Private.CoreLib.dll", 3_000_000, 6_000, BytesEstimated: false),
            new HeapTypeStat("System.Byte[] (Bytes > 1K)", "System.Private.CoreLib.dll", 2_000_000, 500, BytesEstimated: false),
        ]);

        report.TotalBytes.ShouldBe(22_069_038);
        report.Types.Values.ShouldHaveSingleItem().ShouldBe(new HeapTypeStat("System.Byte[]", "System.Private.CoreLib.dll", 5_000_000, 6_500, BytesEstimated: false));
    }

    [Fact]
    public void Merging_heap_keys_keeps_the_other_keys_and_their_order()
    {
        var document = new JsonObject { ["max_sessions"] = 425, ["heap_bytes_per_session"] = 1, ["meets_goals"] = true };

        HeapRun.Merge(document, new Dictionary<string, object?> { ["heap_bytes_per_session"] = 30_208L, ["heap_sessions_low"] = 100 });

        document.Select(p => p.Key).ShouldBe(["max_sessions", "heap_bytes_per_session", "meets_goals", "heap_sessions_low"]);
        document["heap_bytes_per_session"]!.GetValue<long>().ShouldBe(30_208);
        document["max_sessions"]!.GetValue<int>().ShouldBe(425);
    }
}

using System.Diagnostics.Metrics;
using System.Text.Json;
using Invorto.Application.Conversations;
using Invorto.Domain.Agents;
using Invorto.Domain.Calls;
using Invorto.Domain.Tenants;
using Invorto.Infrastructure.Persistence;
using Invorto.Infrastructure.Tests.Persistence;
using Invorto.Infrastructure.Timeline;
using Invorto.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Invorto.Infrastructure.Tests.Timeline;

/// <summary>
/// What the call timeline promises (spec §8, §10), for each pair of live stream and database: appending never waits,
/// every entry reaches the stream and <c>call_events</c> in the order it was appended per call, and a failing store
/// costs counted entries, never an exception.
/// </summary>
public abstract class CallTimelineContract<TProvider> : IAsyncLifetime
    where TProvider : IDatabaseProvider, new()
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly ServiceProvider _metricsServices = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly List<TimelineWriter> _writers = [];
    private Guid _tenantId;
    private Guid _agentId;

    protected TProvider Database { get; } = new();

    protected IMeterFactory MeterFactory => _metricsServices.GetRequiredService<IMeterFactory>();

    protected TimelineMetrics Metrics { get; private set; } = null!;

    protected TimelineMetricsRecorder Recorded { get; private set; } = null!;

    /// <summary>The implementation under test over <paramref name="queue"/>: its appender and its live stream.</summary>
    protected abstract ICallTimelineStream CreateTimeline(TimelineQueue queue, out ICallTimeline appender);

    /// <summary>A context of this provider that cannot reach its database.</summary>
    protected abstract InvortoDbContext UnreachableContext();

    public async Task InitializeAsync()
    {
        Metrics = new TimelineMetrics(MeterFactory);
        Recorded = new TimelineMetricsRecorder(MeterFactory);
        await Database.InitializeAsync();
        await using var db = Database.NewContext();
        var tenant = Tenant.Create(Guid.CreateVersion7(), "timeline", T0);
        var agent = Agent.Create(Guid.CreateVersion7(), tenant.Id, "Agent", """{"prompt":"p"}""", T0);
        db.AddRange(tenant, agent);
        await db.SaveChangesAsync();
        _tenantId = tenant.Id;
        _agentId = agent.Id;
    }

    public async Task DisposeAsync()
    {
        foreach (var writer in _writers)
        {
            await writer.StopAsync(CancellationToken.None);
            writer.Dispose();
        }

        Recorded.Dispose();
        await _metricsServices.DisposeAsync();
        await Database.DisposeAsync();
    }

    protected async Task<List<Guid>> SeedCallsAsync(int count)
    {
        await using var db = Database.NewContext();
        var calls = Enumerable.Range(0, count)
            .Select(i => Call.PlaceOutbound(Guid.CreateVersion7(), _tenantId, _agentId, 1, "+918000000001", $"+9198{i:D8}", "jambonz", null, T0))
            .ToList();
        db.AddRange(calls);
        await db.SaveChangesAsync();
        return calls.Select(call => call.Id).ToList();
    }

    protected TimelineEntry Entry(Guid callId, int seq, string kind = "test.entry") =>
        new(callId, _tenantId, kind, T0.AddMilliseconds(seq / 2), $$"""{"seq":{{seq}}}""");

    protected async Task<TimelineWriter> StartWriterAsync(TimelineQueue queue, ICallTimelineStream stream, Func<InvortoDbContext>? database = null, TimelineWriterSettings? settings = null)
    {
        var services = new ServiceCollection();
        services.AddScoped(_ => (database ?? Database.NewContext)());
        var writer = new TimelineWriter(
            queue,
            stream,
            services.BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(),
            Metrics,
            settings ?? new TimelineWriterSettings(),
            TimeProvider.System,
            NullLogger<TimelineWriter>.Instance);
        _writers.Add(writer);
        await writer.StartAsync(CancellationToken.None);
        return writer;
    }

    protected async Task<List<CallEvent>> PersistedAsync(IReadOnlyCollection<Guid> callIds, string kindPrefix = "test.")
    {
        await using var db = Database.NewContext();
        var rows = await db.CallEvents.AsNoTracking().Where(entry => callIds.Contains(entry.CallId)).ToListAsync();
        return rows.Where(entry => entry.Kind.StartsWith(kindPrefix, StringComparison.Ordinal)).OrderBy(entry => entry.Ts).ThenBy(entry => entry.Id).ToList();
    }

    protected Task<List<CallEvent>> WaitForPersistedAsync(IReadOnlyCollection<Guid> callIds, int count) =>
        Eventually.ReturnsAsync(() => PersistedAsync(callIds), rows => rows.Count >= count, Patience, TimeSpan.FromMilliseconds(100));

    protected static int Seq(string? payloadJson)
    {
        using var document = JsonDocument.Parse(payloadJson!);
        return document.RootElement.GetProperty("seq").GetInt32();
    }

    [Fact]
    public async Task Entries_appended_from_eight_threads_reach_the_database_and_the_stream_in_order_per_call()
    {
        var calls = await SeedCallsAsync(20);
        var queue = new TimelineQueue(Metrics);
        var stream = CreateTimeline(queue, out var timeline);
        await StartWriterAsync(queue, stream);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(thread => Task.Run(() =>
        {
            var mine = calls.Where((_, index) => index % 8 == thread).ToList();
            for (var seq = 0; seq < 500; seq++)
            {
                foreach (var call in mine)
                {
                    timeline.Append(Entry(call, seq));
                }
            }
        })));

        var persisted = await WaitForPersistedAsync(calls, 10_000);
        persisted.Count.ShouldBe(10_000);
        foreach (var call in calls)
        {
            // Entries two by two share a timestamp: the id must then follow the order of appending.
            persisted.Where(row => row.CallId == call).Select(row => Seq(row.PayloadJson)).ShouldBe(Enumerable.Range(0, 500));
            var streamed = await stream.ReadAsync(call, CancellationToken.None);
            streamed.Select(entry => Seq(entry.PayloadJson)).ShouldBe(Enumerable.Range(0, 500));
            streamed.ShouldAllBe(entry => entry.Kind == "test.entry");
            streamed[499].At.ShouldBe(T0.AddMilliseconds(249));
        }

        Recorded.Dropped(TimelineMetrics.QueueFull).ShouldBe(0);
        Recorded.Failed(TimelineMetrics.DatabaseSink).ShouldBe(0);
        Recorded.Failed(TimelineMetrics.StreamSink).ShouldBe(0);
    }

    [Fact]
    public async Task Appending_never_waits_for_a_writer_stuck_on_an_unreachable_database()
    {
        var queue = new TimelineQueue(Metrics);
        var stream = CreateTimeline(queue, out var timeline);
        var writer = await StartWriterAsync(queue, stream, UnreachableContext, new TimelineWriterSettings
        {
            MaxAttempts = 10,
            RetryBackoff = TimeSpan.FromHours(1),
            ShutdownFlushTimeout = TimeSpan.FromMilliseconds(200),
        });
        var first = Guid.NewGuid();
        timeline.Append(Entry(first, 0));

        // Once the first entry is in the stream the writer is inside its batch, waiting an hour to retry the database.
        await Eventually.ReturnsAsync(() => stream.ReadAsync(first, CancellationToken.None), entries => entries.Count == 1, Patience);
        var callIds = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(thread => Task.Run(() =>
        {
            for (var i = thread; i < 10_000; i += 8)
            {
                timeline.Append(Entry(callIds[i % 20], i));
            }
        })));

        queue.Count.ShouldBe(10_000);
        Recorded.Dropped(TimelineMetrics.QueueFull).ShouldBe(0);

        await writer.StopAsync(CancellationToken.None);

        writer.ExecuteTask!.IsCompletedSuccessfully.ShouldBeTrue();
        Recorded.Failed(TimelineMetrics.DatabaseSink).ShouldBe(10_001);
        queue.Append(Entry(first, 1)).ShouldBeFalse("a stopped writer's queue takes nothing more");
    }

    [Fact]
    public async Task Writer_survives_a_database_outage_counting_the_entries_it_could_not_store()
    {
        var queue = new TimelineQueue(Metrics);
        var stream = CreateTimeline(queue, out var timeline);
        var writer = await StartWriterAsync(queue, stream, UnreachableContext, new TimelineWriterSettings { MaxAttempts = 2, RetryBackoff = TimeSpan.FromMilliseconds(10) });
        var calls = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToList();

        for (var seq = 0; seq < 1_000; seq++)
        {
            timeline.Append(Entry(calls[seq % 4], seq));
        }

        await Eventually.ReturnsAsync(() => Task.FromResult(Recorded.Failed(TimelineMetrics.DatabaseSink)), failed => failed >= 1_000, Patience);
        Recorded.Failed(TimelineMetrics.DatabaseSink).ShouldBe(1_000);
        writer.ExecuteTask!.IsCompleted.ShouldBeFalse("the writer keeps running");
        foreach (var call in calls)
        {
            (await stream.ReadAsync(call, CancellationToken.None)).Count.ShouldBe(250);
        }
    }

    [Fact]
    public async Task Entries_of_an_unknown_call_do_not_cost_the_rest_of_their_batch()
    {
        var known = (await SeedCallsAsync(1))[0];
        var unknown = Guid.NewGuid();
        var queue = new TimelineQueue(Metrics);
        var stream = CreateTimeline(queue, out var timeline);
        for (var seq = 0; seq < 10; seq++)
        {
            timeline.Append(Entry(unknown, seq));
            timeline.Append(Entry(known, seq));
        }

        await StartWriterAsync(queue, stream);

        (await WaitForPersistedAsync([known], 10)).Select(row => Seq(row.PayloadJson)).ShouldBe(Enumerable.Range(0, 10));
        await Eventually.ReturnsAsync(() => Task.FromResult(Recorded.Failed(TimelineMetrics.DatabaseSink)), failed => failed >= 10, Patience);
        Recorded.Failed(TimelineMetrics.DatabaseSink).ShouldBe(10);
    }

    [Fact]
    public async Task Invalid_entries_are_dropped_and_counted_and_the_rest_is_written()
    {
        var call = (await SeedCallsAsync(1))[0];
        var queue = new TimelineQueue(Metrics);
        var stream = CreateTimeline(queue, out var timeline);
        timeline.Append(Entry(call, 0));
        timeline.Append(Entry(call, 1) with { PayloadJson = "not json" });
        timeline.Append(Entry(call, 2) with { Kind = "test." + new string('k', 60) });
        timeline.Append(Entry(call, 3) with { CallId = Guid.Empty });
        timeline.Append(Entry(call, 4) with { PayloadJson = null });

        await StartWriterAsync(queue, stream);

        var persisted = await WaitForPersistedAsync([call], 2);
        persisted.Select(row => row.PayloadJson is null ? -1 : Seq(row.PayloadJson)).ShouldBe([0, -1]);
        Recorded.Dropped(TimelineMetrics.Invalid).ShouldBe(3);
    }

    [Fact]
    public async Task Stopping_the_writer_first_writes_what_is_queued()
    {
        var call = (await SeedCallsAsync(1))[0];
        var queue = new TimelineQueue(Metrics);
        var stream = CreateTimeline(queue, out var timeline);
        for (var seq = 0; seq < 1_200; seq++)
        {
            timeline.Append(Entry(call, seq));
        }

        var writer = await StartWriterAsync(queue, stream);
        await writer.StopAsync(CancellationToken.None);

        (await PersistedAsync([call])).Count.ShouldBe(1_200);
        (await stream.ReadAsync(call, CancellationToken.None)).Count.ShouldBe(1_200);
    }
}

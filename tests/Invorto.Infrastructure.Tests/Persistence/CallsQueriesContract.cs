using Invorto.Application.Calls.ListCalls;
using Invorto.Domain.Agents;
using Invorto.Domain.Calls;
using Invorto.Domain.Tenants;
using Invorto.Infrastructure.Persistence;
using Invorto.Infrastructure.Persistence.Queries;

namespace Invorto.Infrastructure.Tests.Persistence;

/// <summary>What the calls read port promises, on each provider's real migrations (SQLite stores times as numbers).</summary>
public abstract class CallsQueriesContract<TProvider> : IAsyncLifetime
    where TProvider : IDatabaseProvider, new()
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 10, 22, 0, 0, TimeSpan.Zero);
    private static readonly CallListFilter NoFilter = new(null, null, null, null, null, null);
    private readonly TProvider _provider = new();
    private Guid _tenantId;
    private Agent _agent = null!;

    public async Task InitializeAsync()
    {
        await _provider.InitializeAsync();
        await using var db = _provider.NewContext();
        var tenant = Tenant.Create(Guid.CreateVersion7(), "calls", T0);
        _agent = Agent.Create(Guid.CreateVersion7(), tenant.Id, "Caller", """{"prompt":"v1"}""", T0);
        db.Tenants.Add(tenant);
        db.Agents.Add(_agent);
        await db.SaveChangesAsync();
        _tenantId = tenant.Id;
    }

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    private Call Completed(DateTimeOffset createdAt, int talkSeconds)
    {
        var call = Call.PlaceOutbound(Guid.CreateVersion7(), _tenantId, _agent.Id, 1, "+911100000000", "+919800000000", "jambonz", null, createdAt);
        call.ApplyStatus(CallStatus.InProgress, createdAt.AddSeconds(1));
        call.ApplyStatus(CallStatus.Completed, createdAt.AddSeconds(1 + talkSeconds));
        return call;
    }

    private async Task SeedAsync(params Call[] calls)
    {
        await using var db = _provider.NewContext();
        db.Calls.AddRange(calls);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Keyset_pages_cover_calls_sharing_a_timestamp_exactly_once()
    {
        var calls = new[] { Completed(T0, 10), Completed(T0, 20), Completed(T0, 30), Completed(T0.AddMinutes(1), 5) };
        await SeedAsync(calls);
        await using var db = _provider.NewContext();
        var queries = new EfCallsQueries(db);

        var first = await queries.ListAsync(new CallPageRequest(_tenantId, NoFilter, null, null, 2), CancellationToken.None);
        var second = await queries.ListAsync(new CallPageRequest(_tenantId, NoFilter, first[^1].CreatedAt, first[^1].Id, 2), CancellationToken.None);

        var expected = calls.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Select(c => c.Id);
        first.Concat(second).Select(c => c.Id).ShouldBe(expected);
    }

    [Fact]
    public async Task Status_filter_and_detail_read_through_the_converters()
    {
        var call = Completed(T0, 42);
        call.AddCost(new CallCost(Guid.CreateVersion7(), call.Id, CallCostType.Tts, "elevenlabs", null, 300m, 0.5m));
        await SeedAsync(call, Call.PlaceOutbound(Guid.CreateVersion7(), _tenantId, _agent.Id, 1, "+91", "+92", "jambonz", null, T0));
        await using var db = _provider.NewContext();
        var queries = new EfCallsQueries(db);

        var completed = await queries.ListAsync(new CallPageRequest(_tenantId, NoFilter with { Status = CallStatus.Completed }, null, null, 10), CancellationToken.None);
        var detail = await queries.FindAsync(_tenantId, call.Id, CancellationToken.None);

        completed.Select(c => c.Id).ShouldBe([call.Id]);
        detail!.DurationSec.ShouldBe(42);
        detail.AgentConfigJson.ShouldNotBeNull().ShouldContain("v1");
        detail.Costs.Single().Type.ShouldBe(CallCostType.Tts);
        (await queries.FindAsync(Guid.CreateVersion7(), call.Id, CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task Daily_totals_group_by_utc_day()
    {
        await SeedAsync(Completed(T0, 60), Completed(T0.AddHours(3), 30), Completed(T0.AddDays(-5), 10));
        await using var db = _provider.NewContext();

        var days = await new EfCallsQueries(db).DailyTotalsAsync(_tenantId, new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 12), CancellationToken.None);

        days.ShouldBe([new(new DateOnly(2026, 3, 10), 1, 60, 0m), new(new DateOnly(2026, 3, 11), 1, 30, 0m)]);
    }

    [Fact]
    public async Task Timeline_is_ordered_by_time_then_id()
    {
        var call = Completed(T0, 5);
        call.Record(T0.AddSeconds(-1), "early", """{"n":1}""");
        await SeedAsync(call);
        await using var db = _provider.NewContext();

        var timeline = await new EfCallsQueries(db).TimelineAsync(_tenantId, call.Id, CancellationToken.None);

        timeline!.Select(entry => entry.Kind).ShouldBe(["early", "call.created", Call.StatusChangedEvent, Call.StatusChangedEvent]);
    }
}

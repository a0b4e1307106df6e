using Invorto.Application.Abstractions;
using Invorto.Domain.Agents;
using Invorto.Domain.Calls;
using Invorto.Domain.Tenants;
using Invorto.Infrastructure.DomainEvents;
using Invorto.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Invorto.Infrastructure.Tests.Persistence;

/// <summary>The save path dispatches the domain events of the aggregates it saves, before it writes them, once.</summary>
public abstract class DomainEventDispatchContract<TProvider> : IAsyncLifetime
    where TProvider : IDatabaseProvider, new()
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private readonly TProvider _provider = new();
    private readonly List<ServiceProvider> _containers = [];

    public Task InitializeAsync() => _provider.InitializeAsync();

    public async Task DisposeAsync()
    {
        foreach (var container in _containers)
        {
            await container.DisposeAsync();
        }

        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task Ending_a_call_dispatches_call_ended_before_the_row_is_written_and_takes_it_off_the_call()
    {
        var call = await SeedAnsweredCallAsync();
        var recorder = new Recorder(StoredStatusAsync);
        await using var db = DispatchingContext(recorder);
        var calls = new EfRepository<Call>(db);
        var loaded = await calls.GetByIdAsync(call.Id);

        loaded!.ApplyStatus(CallStatus.Completed, T0.AddSeconds(60), CallEndReasons.Hangup);
        await calls.UpdateAsync(loaded);

        recorder.Seen.ShouldHaveSingleItem().ShouldBe(new CallEnded(call.Id, call.TenantId, null, CallStatus.Completed, CallEndReasons.Hangup, T0.AddSeconds(60)));
        recorder.StatusesStoredWhenHandled.ShouldBe([CallStatus.InProgress]);
        loaded.DomainEvents.ShouldBeEmpty();
        (await StoredStatusAsync(call.Id)).ShouldBe(CallStatus.Completed);
    }

    [Fact]
    public async Task A_later_save_of_the_same_call_dispatches_nothing_again()
    {
        var call = await SeedAnsweredCallAsync();
        var recorder = new Recorder(StoredStatusAsync);
        await using var db = DispatchingContext(recorder);
        var calls = new EfRepository<Call>(db);
        var loaded = await calls.GetByIdAsync(call.Id);
        loaded!.ApplyStatus(CallStatus.Completed, T0.AddSeconds(60), CallEndReasons.Hangup);
        await calls.UpdateAsync(loaded);

        loaded.ApplyStatus(CallStatus.Completed, T0.AddSeconds(61), CallEndReasons.Hangup);
        loaded.ApplyStatus(CallStatus.Failed, T0.AddSeconds(62), CallEndReasons.Stale);
        await calls.UpdateAsync(loaded);

        recorder.Seen.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_call_that_ends_before_its_first_save_is_dispatched_by_the_insert()
    {
        var (tenant, agent) = await SeedTenantAndAgentAsync();
        var recorder = new Recorder(StoredStatusAsync);
        var call = Call.ReceiveInbound(Guid.CreateVersion7(), tenant.Id, agent.Id, 1, "+919800000001", "+918000000001", "jambonz", "sid-full", answered: false, T0);
        call.ApplyStatus(CallStatus.Failed, T0, CallEndReasons.Concurrency);
        await using var db = DispatchingContext(recorder);

        await new EfRepository<Call>(db).AddAsync(call);

        recorder.Seen.ShouldHaveSingleItem().EndReason.ShouldBe(CallEndReasons.Concurrency);
        recorder.StatusesStoredWhenHandled.ShouldBe([null]);
        call.DomainEvents.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_failing_handler_stops_neither_the_next_handler_nor_the_save()
    {
        var call = await SeedAnsweredCallAsync();
        var recorder = new Recorder(StoredStatusAsync);
        await using var db = DispatchingContext(new Failing(), recorder);
        var calls = new EfRepository<Call>(db);
        var loaded = await calls.GetByIdAsync(call.Id);

        loaded!.ApplyStatus(CallStatus.Failed, T0.AddSeconds(60), CallEndReasons.Stale);
        await calls.UpdateAsync(loaded);

        recorder.Seen.ShouldHaveSingleItem().Status.ShouldBe(CallStatus.Failed);
        (await StoredStatusAsync(call.Id)).ShouldBe(CallStatus.Failed);
    }

    [Fact]
    public async Task A_synchronous_save_of_pending_events_is_refused()
    {
        var call = await SeedAnsweredCallAsync();
        var recorder = new Recorder(StoredStatusAsync);
        await using var db = DispatchingContext(recorder);
        var loaded = await db.Calls.SingleAsync(c => c.Id == call.Id);
        loaded.ApplyStatus(CallStatus.Completed, T0.AddSeconds(60), CallEndReasons.Hangup);

        Should.Throw<InvalidOperationException>(() => db.SaveChanges());

        recorder.Seen.ShouldBeEmpty();
        (await StoredStatusAsync(call.Id)).ShouldBe(CallStatus.InProgress);
    }

    private InvortoDbContext DispatchingContext(params IDomainEventHandler<CallEnded>[] handlers)
    {
        var services = new ServiceCollection();
        foreach (var handler in handlers)
        {
            services.AddSingleton(handler);
        }

        var container = services.BuildServiceProvider();
        _containers.Add(container);
        var dispatcher = new DomainEventDispatcher(container, NullLogger<DomainEventDispatcher>.Instance);
        return _provider.NewContext(new DispatchDomainEventsInterceptor(dispatcher));
    }

    private async Task<(Tenant Tenant, Agent Agent)> SeedTenantAndAgentAsync()
    {
        var tenant = Tenant.Create(Guid.CreateVersion7(), "acme", T0);
        var agent = Agent.Create(Guid.CreateVersion7(), tenant.Id, "A", """{"prompt":"p"}""", T0);
        await using var db = _provider.NewContext();
        await new EfRepository<Tenant>(db).AddAsync(tenant);
        await new EfRepository<Agent>(db).AddAsync(agent);
        return (tenant, agent);
    }

    private async Task<Call> SeedAnsweredCallAsync()
    {
        var (tenant, agent) = await SeedTenantAndAgentAsync();
        var call = Call.PlaceOutbound(Guid.CreateVersion7(), tenant.Id, agent.Id, 1, "+918000000001", "+919800000002", "jambonz", null, T0);
        call.AttachProviderCall($"sid-{call.Id}");
        call.ApplyStatus(CallStatus.InProgress, T0.AddSeconds(4));
        await using var db = _provider.NewContext();
        await new EfRepository<Call>(db).AddAsync(call);
        return call;
    }

    private async Task<CallStatus?> StoredStatusAsync(Guid callId)
    {
        await using var db = _provider.NewContext();
        return await db.Calls.AsNoTracking().Where(c => c.Id == callId).Select(c => (CallStatus?)c.Status).SingleOrDefaultAsync();
    }

    private sealed class Recorder(Func<Guid, Task<CallStatus?>> storedStatus) : IDomainEventHandler<CallEnded>
    {
        public List<CallEnded> Seen { get; } = [];

        public List<CallStatus?> StatusesStoredWhenHandled { get; } = [];

        public async Task HandleAsync(CallEnded domainEvent, CancellationToken cancellationToken)
        {
            Seen.Add(domainEvent);
            StatusesStoredWhenHandled.Add(await storedStatus(domainEvent.CallId));
        }
    }

    private sealed class Failing : IDomainEventHandler<CallEnded>
    {
        public Task HandleAsync(CallEnded domainEvent, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The handler broke.");
    }
}

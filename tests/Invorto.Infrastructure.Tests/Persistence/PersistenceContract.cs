using Ardalis.Specification;
using Invorto.Application.Abstractions;
using Invorto.Application.Abstractions.Idempotency;
using Invorto.Application.Agents.ListAgents;
using Invorto.Application.Agents.Specifications;
using Invorto.Application.ApiKeys.Specifications;
using Invorto.Application.Numbers.Specifications;
using Invorto.Domain.Agents;
using Invorto.Domain.Calls;
using Invorto.Domain.Telephony;
using Invorto.Domain.Tenants;
using Invorto.Infrastructure.Persistence;
using Invorto.Infrastructure.Persistence.Idempotency;
using Invorto.Infrastructure.Persistence.Queries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Invorto.Infrastructure.Tests.Persistence;

/// <summary>What persistence promises, checked against each provider's real migrations.</summary>
public abstract class PersistenceContract<TProvider> : IAsyncLifetime
    where TProvider : IDatabaseProvider, new()
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private readonly TProvider _provider = new();

    public Task InitializeAsync() => _provider.InitializeAsync();

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    private async Task<Tenant> SeedTenantAsync(string name = "acme")
    {
        await using var db = _provider.NewContext();
        var tenant = Tenant.Create(Guid.CreateVersion7(), name, T0);
        await new EfRepository<Tenant>(db).AddAsync(tenant);
        return tenant;
    }

    [Fact]
    public async Task Migrations_create_every_table_of_the_data_model()
    {
        await using var db = _provider.NewContext();

        var tables = db.Model.GetEntityTypes().Select(entity => entity.GetTableName()).ToHashSet();

        tables.ShouldBe(["tenants", "api_keys", "agents", "agent_versions", "calls", "call_events", "call_costs", "phone_numbers", "idempotency_keys", "tenant_secrets", "audit_events", "data_protection_keys"], ignoreOrder: true);
        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        (await db.Database.GetAppliedMigrationsAsync()).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Agent_versions_round_trip_and_a_revision_adds_a_row()
    {
        var tenant = await SeedTenantAsync();
        var agent = Agent.Create(Guid.CreateVersion7(), tenant.Id, "Support", """{"prompt":"v1","voice":{"rate":1.1}}""", T0);
        await using (var db = _provider.NewContext())
        {
            await new EfRepository<Agent>(db).AddAsync(agent);
        }

        await using (var db = _provider.NewContext())
        {
            var repository = new EfRepository<Agent>(db);
            var loaded = await repository.SingleOrDefaultAsync(new AgentByIdSpec(tenant.Id, agent.Id));
            loaded!.Revise("Support v2", """{"prompt":"v2"}""", T0.AddHours(1));
            await repository.UpdateAsync(loaded);
        }

        await using (var db = _provider.NewContext())
        {
            var loaded = await new EfReadRepository<Agent>(db).SingleOrDefaultAsync(new AgentByIdSpec(tenant.Id, agent.Id));
            loaded!.CurrentVersion.ShouldBe(2);
            loaded.Name.ShouldBe("Support v2");
            loaded.Versions.Count.ShouldBe(2);
            loaded.FindVersion(1)!.ConfigJson.ShouldContain("\"rate\"");
            loaded.CreatedAt.ShouldBe(T0);
        }
    }

    [Fact]
    public async Task Another_tenants_agent_is_not_found_by_id()
    {
        var owner = await SeedTenantAsync("owner");
        var stranger = await SeedTenantAsync("stranger");
        var agent = Agent.Create(Guid.CreateVersion7(), owner.Id, "Private", """{"prompt":"p"}""", T0);
        await using (var db = _provider.NewContext())
        {
            await new EfRepository<Agent>(db).AddAsync(agent);
        }

        await using var read = _provider.NewContext();

        (await new EfReadRepository<Agent>(read).SingleOrDefaultAsync(new AgentByIdSpec(stranger.Id, agent.Id))).ShouldBeNull();
        (await new EfReadRepository<Agent>(read).SingleOrDefaultAsync(new AgentByIdSpec(owner.Id, agent.Id))).ShouldNotBeNull();
    }

    [Fact]
    public async Task Call_with_its_timeline_and_costs_round_trips()
    {
        var tenant = await SeedTenantAsync();
        var agent = Agent.Create(Guid.CreateVersion7(), tenant.Id, "A", """{"prompt":"p"}""", T0);
        var call = Call.PlaceOutbound(Guid.CreateVersion7(), tenant.Id, agent.Id, 1, "+918000000001", "+919800000002", "jambonz", null, T0);
        call.AttachProviderCall("sid-1");
        call.ApplyStatus(CallStatus.InProgress, T0.AddSeconds(4));
        call.ApplyStatus(CallStatus.Completed, T0.AddSeconds(64), "hangup");
        call.AddCost(new CallCost(Guid.CreateVersion7(), call.Id, CallCostType.Stt, "deepgram", 1m, null, 0.62m));
        await using (var db = _provider.NewContext())
        {
            await new EfRepository<Agent>(db).AddAsync(agent);
            await new EfRepository<Call>(db).AddAsync(call);
        }

        await using var read = _provider.NewContext();
        var loaded = await read.Calls.AsNoTracking().Include(c => c.Events).Include(c => c.Costs).SingleAsync(c => c.Id == call.Id);

        loaded.Status.ShouldBe(CallStatus.Completed);
        loaded.DurationSec.ShouldBe(60);
        loaded.CostInr.ShouldBe(0.62m);
        loaded.Costs.Single().Provider.ShouldBe("deepgram");
        loaded.Events.Select(e => e.Kind).ShouldBe(["call.created", Call.StatusChangedEvent, Call.StatusChangedEvent], ignoreOrder: true);
        loaded.Events.Where(e => e.Kind == Call.StatusChangedEvent).ShouldAllBe(e => e.Id > 0);
    }

    [Fact]
    public async Task Two_keys_with_the_same_hash_cannot_exist()
    {
        var tenant = await SeedTenantAsync();
        var secret = ApiKeySecret.Generate("test");
        await using (var db = _provider.NewContext())
        {
            await new EfRepository<ApiKey>(db).AddAsync(ApiKey.Issue(Guid.CreateVersion7(), tenant.Id, "one", ApiKeyRole.Dev, secret, T0));
        }

        await using var second = _provider.NewContext();

        await Should.ThrowAsync<DuplicateEntityException>(() =>
            new EfRepository<ApiKey>(second).AddAsync(ApiKey.Issue(Guid.CreateVersion7(), tenant.Id, "two", ApiKeyRole.Dev, secret, T0)));
    }

    [Fact]
    public async Task Active_key_is_found_by_hash_and_a_revoked_one_is_not()
    {
        var tenant = await SeedTenantAsync();
        var secret = ApiKeySecret.Generate("test");
        var key = ApiKey.Issue(Guid.CreateVersion7(), tenant.Id, "one", ApiKeyRole.Analyst, secret, T0);
        await using (var db = _provider.NewContext())
        {
            await new EfRepository<ApiKey>(db).AddAsync(key);
        }

        await using (var db = _provider.NewContext())
        {
            (await new EfReadRepository<ApiKey>(db).SingleOrDefaultAsync(new ActiveApiKeyByHashSpec(secret.Hash())))!.Role.ShouldBe(ApiKeyRole.Analyst);
            var tracked = await new EfRepository<ApiKey>(db).GetByIdAsync(key.Id);
            tracked!.Revoke();
            await new EfRepository<ApiKey>(db).UpdateAsync(tracked);
        }

        await using var read = _provider.NewContext();
        (await new EfReadRepository<ApiKey>(read).SingleOrDefaultAsync(new ActiveApiKeyByHashSpec(secret.Hash()))).ShouldBeNull();
    }

    [Fact]
    public async Task Evaluator_applies_filter_search_order_paging_and_projection()
    {
        var tenant = await SeedTenantAsync();
        await using (var db = _provider.NewContext())
        {
            var agents = new EfRepository<Agent>(db);
            foreach (var (name, minutes) in new[] { ("Sales east", 1), ("Sales west", 2), ("Support", 3), ("Sales north", 4) })
            {
                await agents.AddAsync(Agent.Create(Guid.CreateVersion7(), tenant.Id, name, """{"prompt":"p"}""", T0.AddMinutes(minutes)));
            }
        }

        await using var read = _provider.NewContext();
        var repository = new EfReadRepository<Agent>(read);

        var page = await repository.ListAsync(new SalesAgentNamesSpec(tenant.Id, skip: 1, take: 2));
        var count = await repository.CountAsync(new SalesAgentNamesSpec(tenant.Id, skip: 1, take: 2));

        page.ShouldBe(["Sales west", "Sales east"]);
        count.ShouldBe(3);
    }

    [Fact]
    public async Task Agent_listing_pages_by_keyset_even_when_creation_times_tie()
    {
        var tenant = await SeedTenantAsync("lister");
        var other = await SeedTenantAsync("other");
        await using (var db = _provider.NewContext())
        {
            var repository = new EfRepository<Agent>(db);
            for (var i = 0; i < 5; i++)
            {
                await repository.AddAsync(Agent.Create(Guid.CreateVersion7(), tenant.Id, $"Sales {i}", """{"prompt":"p"}""", i < 3 ? T0 : T0.AddMinutes(i)));
            }

            var archived = Agent.Create(Guid.CreateVersion7(), tenant.Id, "Sales archived", """{"prompt":"p"}""", T0.AddHours(1));
            archived.Archive(T0.AddHours(2));
            await repository.AddAsync(archived);
            await repository.AddAsync(Agent.Create(Guid.CreateVersion7(), other.Id, "Sales elsewhere", """{"prompt":"p"}""", T0));
        }

        await using var reader = _provider.NewContext();
        var queries = new EfAgentQueries(reader);
        var all = await queries.ListAsync(new AgentPageRequest(tenant.Id, "SALES", false, null, null, 100), CancellationToken.None);
        var pages = new List<AgentListItem>();
        AgentListItem? last = null;
        do
        {
            var page = await queries.ListAsync(new AgentPageRequest(tenant.Id, "sales", false, last?.CreatedAt, last?.Id, 2), CancellationToken.None);
            pages.AddRange(page);
            last = page.Count == 2 ? page[^1] : null;
        }
        while (last is not null);

        all.Count.ShouldBe(5);
        all.Select(a => a.CreatedAt).ShouldBeInOrder(SortDirection.Descending);
        pages.Select(a => a.Id).ShouldBe(all.Select(a => a.Id));
        all[0].ConfigJson.ShouldContain("prompt");
    }

    [Fact]
    public async Task Second_of_two_racing_revisions_is_a_concurrent_update()
    {
        var tenant = await SeedTenantAsync("racer");
        var agent = Agent.Create(Guid.CreateVersion7(), tenant.Id, "Racer", """{"prompt":"v1"}""", T0);
        await using (var db = _provider.NewContext())
        {
            await new EfRepository<Agent>(db).AddAsync(agent);
        }

        await using var first = _provider.NewContext();
        await using var second = _provider.NewContext();
        var firstRepository = new EfRepository<Agent>(first);
        var secondRepository = new EfRepository<Agent>(second);
        var firstCopy = await firstRepository.SingleOrDefaultAsync(new AgentByIdSpec(tenant.Id, agent.Id));
        var secondCopy = await secondRepository.SingleOrDefaultAsync(new AgentByIdSpec(tenant.Id, agent.Id));
        firstCopy!.Revise(null, """{"prompt":"first"}""", T0.AddMinutes(1));
        secondCopy!.Revise(null, """{"prompt":"second"}""", T0.AddMinutes(1));

        await firstRepository.UpdateAsync(firstCopy);

        await Should.ThrowAsync<ConcurrentUpdateException>(() => secondRepository.UpdateAsync(secondCopy));
    }

    [Fact]
    public async Task Unit_of_work_rolls_back_every_save_when_one_fails()
    {
        var tenant = Tenant.Create(Guid.CreateVersion7(), "atomic", T0);
        var duplicate = ApiKeySecret.Generate("test");
        var existing = await SeedTenantAsync("existing");
        await using (var db = _provider.NewContext())
        {
            await new EfRepository<ApiKey>(db).AddAsync(ApiKey.Issue(Guid.CreateVersion7(), existing.Id, "taken", ApiKeyRole.Dev, duplicate, T0));
        }

        await using (var db = _provider.NewContext())
        {
            var unitOfWork = new EfUnitOfWork(db);
            await Should.ThrowAsync<DuplicateEntityException>(() => unitOfWork.InTransactionAsync(
                async ct =>
                {
                    await new EfRepository<Tenant>(db).AddAsync(tenant, ct);
                    await new EfRepository<ApiKey>(db).AddAsync(ApiKey.Issue(Guid.CreateVersion7(), tenant.Id, "clash", ApiKeyRole.Admin, duplicate, T0), ct);
                    return true;
                },
                CancellationToken.None));
        }

        await using var read = _provider.NewContext();
        (await read.Tenants.AnyAsync(t => t.Id == tenant.Id)).ShouldBeFalse();
    }

    private sealed class SalesAgentNamesSpec : Specification<Agent, string>
    {
        public SalesAgentNamesSpec(Guid tenantId, int skip, int take)
        {
            Query.Where(agent => agent.TenantId == tenantId)
                .Search(agent => agent.Name, "Sales%")
                .OrderByDescending(agent => agent.CreatedAt)
                .Skip(skip)
                .Take(take);
            Query.Select(agent => agent.Name);
        }
    }

    private async Task<Agent> SeedAgentAsync(Tenant tenant)
    {
        await using var db = _provider.NewContext();
        var agent = Agent.Create(Guid.CreateVersion7(), tenant.Id, "Receptionist", """{"prompt":"p"}""", T0);
        await new EfRepository<Agent>(db).AddAsync(agent);
        return agent;
    }

    [Fact]
    public async Task A_number_route_is_found_by_its_number_whichever_tenant_owns_it()
    {
        var tenant = await SeedTenantAsync();
        var agent = await SeedAgentAsync(tenant);
        var route = PhoneNumberRoute.Create(Guid.CreateVersion7(), tenant.Id, PhoneNumber.Parse("+14155550100"), agent.Id, TelephonyProviderKind.Twilio, T0);
        await using (var db = _provider.NewContext())
        {
            await new EfRepository<PhoneNumberRoute>(db).AddAsync(route);
        }

        await using var read = _provider.NewContext();
        var found = await new EfReadRepository<PhoneNumberRoute>(read).SingleOrDefaultAsync(new PhoneNumberRouteByNumberSpec(PhoneNumber.Parse("+1 415 555 0100")));

        found.ShouldNotBeNull();
        found.Id.ShouldBe(route.Id);
        found.TenantId.ShouldBe(tenant.Id);
        found.AgentId.ShouldBe(agent.Id);
        found.Provider.ShouldBe(TelephonyProviderKind.Twilio);
    }

    [Fact]
    public async Task A_number_belongs_to_one_tenant_only()
    {
        var first = await SeedTenantAsync("first");
        var second = await SeedTenantAsync("second");
        var firstAgent = await SeedAgentAsync(first);
        var secondAgent = await SeedAgentAsync(second);
        await using (var db = _provider.NewContext())
        {
            await new EfRepository<PhoneNumberRoute>(db).AddAsync(PhoneNumberRoute.Create(Guid.CreateVersion7(), first.Id, PhoneNumber.Parse("+919876543210"), firstAgent.Id, TelephonyProviderKind.Jambonz, T0));
        }

        await using var other = _provider.NewContext();

        await Should.ThrowAsync<DuplicateEntityException>(() => new EfRepository<PhoneNumberRoute>(other)
            .AddAsync(PhoneNumberRoute.Create(Guid.CreateVersion7(), second.Id, PhoneNumber.Parse("+919876543210"), secondAgent.Id, TelephonyProviderKind.Jambonz, T0)));
    }

    [Fact]
    public async Task Idempotency_key_is_reserved_once_then_replays_the_completed_response()
    {
        var tenant = await SeedTenantAsync();
        var clock = new FakeTimeProvider(T0);
        await using var db = _provider.NewContext();
        var store = new EfIdempotencyStore(db, clock);

        var first = await store.ReserveAsync(tenant.Id, "k1", "hash-a", CancellationToken.None);
        var whileRunning = await store.ReserveAsync(tenant.Id, "k1", "hash-a", CancellationToken.None);
        await store.CompleteAsync(tenant.Id, "k1", 201, """{"id":"x"}""", CancellationToken.None);
        var replay = await store.ReserveAsync(tenant.Id, "k1", "hash-a", CancellationToken.None);
        var otherBody = await store.ReserveAsync(tenant.Id, "k1", "hash-b", CancellationToken.None);

        first.Outcome.ShouldBe(IdempotencyOutcome.Reserved);
        whileRunning.Outcome.ShouldBe(IdempotencyOutcome.InProgress);
        replay.Outcome.ShouldBe(IdempotencyOutcome.Replay);
        replay.Status.ShouldBe(201);
        replay.Body!.Replace(" ", string.Empty, StringComparison.Ordinal).ShouldBe("""{"id":"x"}""");
        otherBody.Outcome.ShouldBe(IdempotencyOutcome.Mismatch);
    }

    [Fact]
    public async Task Released_and_day_old_idempotency_keys_can_be_reserved_again()
    {
        var tenant = await SeedTenantAsync();
        var clock = new FakeTimeProvider(T0);
        await using var db = _provider.NewContext();
        var store = new EfIdempotencyStore(db, clock);
        await store.ReserveAsync(tenant.Id, "failed", "hash", CancellationToken.None);
        await store.ReleaseAsync(tenant.Id, "failed", CancellationToken.None);
        await store.ReserveAsync(tenant.Id, "old", "hash", CancellationToken.None);
        await store.CompleteAsync(tenant.Id, "old", 201, """{"id":"x"}""", CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(24));

        var afterRelease = await store.ReserveAsync(tenant.Id, "failed", "hash", CancellationToken.None);
        var afterExpiry = await store.ReserveAsync(tenant.Id, "old", "other-hash", CancellationToken.None);

        afterRelease.Outcome.ShouldBe(IdempotencyOutcome.Reserved);
        afterExpiry.Outcome.ShouldBe(IdempotencyOutcome.Reserved);
    }
}

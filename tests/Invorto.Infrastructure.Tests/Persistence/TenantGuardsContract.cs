using System.Diagnostics.Metrics;
using Invorto.Application.ApiKeys.RevokeApiKey;
using Invorto.Application.Calls.SpendCap;
using Invorto.Application.Common;
using Invorto.Domain.Agents;
using Invorto.Domain.Calls;
using Invorto.Domain.Tenants;
using Invorto.Infrastructure.Billing;
using Invorto.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Invorto.Infrastructure.Tests.Persistence;

/// <summary>The spend ledger and the tenant lock on each provider's real database.</summary>
public abstract class TenantGuardsContract<TProvider> : IAsyncLifetime
    where TProvider : IDatabaseProvider, new()
{
    private static readonly DateTimeOffset Today = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private readonly TProvider _provider = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public Task InitializeAsync() => _provider.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _provider.DisposeAsync();
    }

    private EfSpendLedger Ledger(InvortoDbContext db) =>
        new(db, new EfUnitOfWork(db), new EfTenantLock(db), new SpendCapMetrics(_services.GetRequiredService<IMeterFactory>()), new FakeTimeProvider(Today), NullLogger<EfSpendLedger>.Instance);

    private readonly Dictionary<Guid, Guid> _agentOf = [];

    private async Task<Tenant> SeedTenantAsync()
    {
        await using var db = _provider.NewContext();
        var tenant = Tenant.Create(Guid.CreateVersion7(), "acme", Today);
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();
        var agent = Agent.Create(Guid.CreateVersion7(), tenant.Id, "Support", """{"prompt":"p"}""", Today);
        await new EfRepository<Agent>(db).AddAsync(agent);
        _agentOf[tenant.Id] = agent.Id;
        return tenant;
    }

    private async Task<Call> SeedCallAsync(Guid tenantId, DateTimeOffset createdAt, decimal cost)
    {
        await using var db = _provider.NewContext();
        var call = Call.PlaceOutbound(Guid.CreateVersion7(), tenantId, _agentOf[tenantId], 1, "+918000000001", "+919800000002", "jambonz", null, createdAt);
        db.Calls.Add(call);
        await db.SaveChangesAsync();
        await db.Calls.Where(c => c.Id == call.Id).ExecuteUpdateAsync(set => set.SetProperty(c => c.CostInr, cost));
        return call;
    }

    [Fact]
    public async Task Spend_is_the_cost_of_the_tenants_calls_created_in_the_range()
    {
        var tenant = await SeedTenantAsync();
        var other = await SeedTenantAsync();
        await SeedCallAsync(tenant.Id, Today, 2.5m);
        await SeedCallAsync(tenant.Id, Today.AddHours(5), 1.25m);
        await SeedCallAsync(tenant.Id, Today.AddDays(-1), 100m);
        await SeedCallAsync(other.Id, Today, 50m);
        await using var db = _provider.NewContext();

        var spent = await Ledger(db).SpentAsync(tenant.Id, new DateTimeOffset(Today.Date, TimeSpan.Zero), new DateTimeOffset(Today.Date.AddDays(1), TimeSpan.Zero), CancellationToken.None);

        spent.ShouldBe(3.75m);
    }

    [Fact]
    public async Task A_threshold_is_recorded_once_per_day_on_the_latest_call()
    {
        var tenant = await SeedTenantAsync();
        await SeedCallAsync(tenant.Id, Today, 8m);
        var latest = await SeedCallAsync(tenant.Id, Today.AddMinutes(5), 0m);
        var reached = new SpendThresholdReached(tenant.Id, DateOnly.FromDateTime(Today.UtcDateTime), 80, 8m, 10m);

        bool first, second;
        await using (var db = _provider.NewContext())
        {
            first = await Ledger(db).RecordThresholdAsync(reached, CancellationToken.None);
        }

        await using (var db = _provider.NewContext())
        {
            second = await Ledger(db).RecordThresholdAsync(reached, CancellationToken.None);
        }

        first.ShouldBeTrue();
        second.ShouldBeFalse();
        await using var check = _provider.NewContext();
        var entries = await check.CallEvents.Where(entry => entry.Kind == "spend_cap.80").ToListAsync();
        entries.ShouldHaveSingleItem().CallId.ShouldBe(latest.Id);
        using var payload = System.Text.Json.JsonDocument.Parse(entries[0].PayloadJson!);
        payload.RootElement.GetProperty("threshold").GetInt32().ShouldBe(80);
        payload.RootElement.GetProperty("capInr").GetDecimal().ShouldBe(10m);
    }

    [Fact]
    public async Task Two_admins_revoking_each_other_at_once_leave_one_active_admin()
    {
        var tenant = await SeedTenantAsync();
        var first = ApiKey.Issue(Guid.CreateVersion7(), tenant.Id, "a", ApiKeyRole.Admin, ApiKeySecret.Generate("test"), Today);
        var second = ApiKey.Issue(Guid.CreateVersion7(), tenant.Id, "b", ApiKeyRole.Admin, ApiKeySecret.Generate("test"), Today);
        await using (var db = _provider.NewContext())
        {
            db.ApiKeys.AddRange(first, second);
            await db.SaveChangesAsync();
        }

        async Task<Result<Guid>> RevokeAsync(Guid keyId)
        {
            await using var db = _provider.NewContext();
            return await new RevokeApiKeyHandler(new EfRepository<ApiKey>(db), new EfUnitOfWork(db), new EfTenantLock(db))
                .HandleAsync(new RevokeApiKeyCommand(tenant.Id, keyId), CancellationToken.None);
        }

        var outcomes = await Task.WhenAll(Task.Run(() => RevokeAsync(first.Id)), Task.Run(() => RevokeAsync(second.Id)));

        outcomes.Count(outcome => outcome.IsSuccess).ShouldBe(1);
        outcomes.Single(outcome => !outcome.IsSuccess).Error!.Code.ShouldBe(ErrorCodes.Conflict);
        await using var check = _provider.NewContext();
        (await check.ApiKeys.CountAsync(key => key.TenantId == tenant.Id && key.Active)).ShouldBe(1);
    }
}

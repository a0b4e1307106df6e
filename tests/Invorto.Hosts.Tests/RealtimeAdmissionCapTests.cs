using System.Diagnostics.Metrics;
using Invorto.Application.Common;
using Invorto.Application.Conversations;
using Invorto.Application.Tenants.CreateTenant;
using Invorto.Domain.Agents;
using Invorto.Domain.Tenants;
using Invorto.Infrastructure.Persistence;
using Invorto.Realtime;
using Invorto.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Hosts.Tests;

/// <summary>A Realtime host of its own with <c>MAX_CONCURRENT_CALLS=1</c>: the second web call of a tenant is refused.</summary>
[Collection(ApiRateLimitTests.Name)]
public sealed class RealtimeAdmissionCapTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestHost _realtime = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _realtime = await TestHost.StartAsync(
            (builder, embedded) =>
            {
                builder.AddRealtimeService(embedded);
                builder.Services.AddSingleton<IMeterFactory, IsolatedMeterFactory>();
            },
            app => app.MapRealtimeService(),
            new Dictionary<string, string?>
            {
                ["DB_URL"] = _database.ConnectionString,
                ["REDIS_URL"] = TestServers.RedisUrl,
                ["MIGRATE_ON_START"] = "true",
                ["CONVERSATION_PROVIDERS"] = "scripted",
                ["MAX_CONCURRENT_CALLS"] = "1",
                ["REALTIME_WS_SECRET"] = HostsFixture.RealtimeSecret,
            });
    }

    public async Task DisposeAsync()
    {
        await _realtime.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<Result<ConversationSetup>> StartAsync(RealtimeCredential key, Guid agentId)
    {
        await using var scope = _realtime.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OpenWebSessionHandler>()
            .HandleAsync(new OpenWebSessionCommand(key, null, agentId.ToString(), null, 8000), CancellationToken.None);
    }

    [Fact]
    public async Task Second_web_call_over_max_concurrent_calls_is_quota_exceeded()
    {
        await using var scope = _realtime.App.Services.CreateAsyncScope();
        var tenant = (await scope.ServiceProvider.GetRequiredService<CreateTenantHandler>().HandleAsync(new CreateTenantCommand("capped"), CancellationToken.None)).Value!;
        var db = scope.ServiceProvider.GetRequiredService<InvortoDbContext>();
        var agent = Agent.Create(Guid.CreateVersion7(), tenant.TenantId, "Web", """{"prompt":"p"}""", DateTimeOffset.UtcNow);
        db.Add(agent);
        await db.SaveChangesAsync();
        var key = RealtimeCredential.ForTenantKey(tenant.TenantId, tenant.ApiKeyId, ApiKeyRole.Dev);

        var first = await StartAsync(key, agent.Id);
        var second = await StartAsync(key, agent.Id);

        first.IsSuccess.ShouldBeTrue();
        second.Error!.Code.ShouldBe(ErrorCodes.QuotaExceeded);
        db.Calls.Count(c => c.TenantId == tenant.TenantId).ShouldBe(1);
    }
}

using Invorto.Application.Common;
using Invorto.Application.Conversations;
using Invorto.Application.Tenants.CreateTenant;
using Invorto.Domain.Agents;
using Invorto.Domain.Calls;
using Invorto.Domain.Tenants;
using Invorto.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Hosts.Tests;

/// <summary>Session admission on the Realtime host's own services, against the shared PostgreSQL database (spec §5.1).</summary>
[Collection(HostsCollection.Name)]
public sealed class RealtimeAdmissionTests(HostsFixture hosts)
{
    private async Task<(TenantCreated Tenant, Agent Agent)> TenantWithAgentAsync()
    {
        var tenant = await hosts.CreateTenantAsync("rt-admission");
        await using var scope = hosts.Api.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvortoDbContext>();
        var agent = Agent.Create(Guid.CreateVersion7(), tenant.TenantId, "Web", """{"prompt":"You answer web calls.","locale":"en-IN"}""", DateTimeOffset.UtcNow);
        db.Add(agent);
        await db.SaveChangesAsync();
        return (tenant, agent);
    }

    private async Task<Result<ConversationSetup>> OpenAsync(RealtimeCredential credential, string? callId, string? agentId, string? locale = null)
    {
        await using var scope = hosts.Realtime.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OpenWebSessionHandler>()
            .HandleAsync(new OpenWebSessionCommand(credential, callId, agentId, locale, 16000), CancellationToken.None);
    }

    private async Task<bool> CallRowExistsAsync(Guid callId)
    {
        await using var scope = hosts.Api.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InvortoDbContext>().Calls.AnyAsync(c => c.Id == callId);
    }

    [Fact]
    public async Task Tenant_key_start_stores_an_in_progress_web_call_keeping_the_client_id()
    {
        var (tenant, agent) = await TenantWithAgentAsync();
        var key = RealtimeCredential.ForTenantKey(tenant.TenantId, tenant.ApiKeyId, ApiKeyRole.Admin);

        var result = await OpenAsync(key, "c_1", agent.Id.ToString(), locale: "hi-IN");

        var setup = result.Value!;
        setup.CreatedNow.ShouldBeTrue();
        setup.Config.Locale.ShouldBe("hi-IN");
        setup.Config.Prompt.ShouldBe("You answer web calls.");
        var stored = await hosts.LoadCallAsync(setup.CallId);
        stored.Direction.ShouldBe(CallDirection.Web);
        stored.Status.ShouldBe(CallStatus.InProgress);
        stored.ExternalRef.ShouldBe("c_1");
        stored.TenantId.ShouldBe(tenant.TenantId);
        stored.AgentVersion.ShouldBe(1);
    }

    [Fact]
    public async Task Token_and_operations_key_attach_to_the_stored_call()
    {
        var (tenant, agent) = await TenantWithAgentAsync();
        var started = (await OpenAsync(RealtimeCredential.ForTenantKey(tenant.TenantId, tenant.ApiKeyId, ApiKeyRole.Admin), null, agent.Id.ToString())).Value!;

        var byToken = await OpenAsync(RealtimeCredential.ForToken(tenant.TenantId, started.CallId), "ignored", null);
        var byOperations = await OpenAsync(RealtimeCredential.ForOperationsKey(), started.CallId.ToString(), null);
        var byOtherTenantsToken = await OpenAsync(RealtimeCredential.ForToken(Guid.NewGuid(), started.CallId), null, null);

        byToken.Value!.CallId.ShouldBe(started.CallId);
        byToken.Value.CreatedNow.ShouldBeFalse();
        byOperations.Value!.TenantId.ShouldBe(tenant.TenantId);
        byOtherTenantsToken.Error!.Code.ShouldBe(ErrorCodes.NotFound);
    }

    [Fact]
    public async Task Canary_session_leaves_no_row()
    {
        var result = await OpenAsync(RealtimeCredential.ForOperationsKey(), "canary-1", CanaryAgent.Id);

        result.Value!.IsCanary.ShouldBeTrue();
        result.Value.ExternalRef.ShouldBe("canary-1");
        (await CallRowExistsAsync(result.Value.CallId)).ShouldBeFalse();
    }

    [Fact]
    public async Task Operations_key_cannot_start_a_tenants_agent()
    {
        var (_, agent) = await TenantWithAgentAsync();

        var result = await OpenAsync(RealtimeCredential.ForOperationsKey(), "ops-1", agent.Id.ToString());

        result.Error!.Code.ShouldBe(ErrorCodes.NotFound);
    }
}

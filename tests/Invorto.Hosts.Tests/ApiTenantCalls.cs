using System.Net;
using Invorto.Domain.Calls;
using Invorto.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Hosts.Tests;

/// <summary>A tenant with an agent and placed calls on the shared hosts, and direct writes for what the realtime engine fills in later.</summary>
internal static class ApiTenantCalls
{
    public static async Task<(string Key, Guid TenantId, Guid AgentId)> TenantWithAgentAsync(this HostsFixture hosts, string name)
    {
        var tenant = await hosts.CreateTenantAsync(name);
        var agentId = await hosts.Api.Client.CreateAgentAsync(tenant.ApiKey);
        return (tenant.ApiKey, tenant.TenantId, agentId);
    }

    public static async Task<Guid> PlaceCallAsync(this HostsFixture hosts, string key, Guid agentId, string? metadataJson = null)
    {
        var body = metadataJson is null
            ? $$"""{"agentId":"{{agentId}}","to":"+919800000002","from":"+918000000001"}"""
            : $$"""{"agentId":"{{agentId}}","to":"+919800000002","from":"+918000000001","metadata":{{metadataJson}}}""";
        var started = await hosts.Api.Client.SendForJsonAsync(HttpMethod.Post, "/v1/calls", key, body, HttpStatusCode.Created);
        return started.GetProperty("id").GetGuid();
    }

    public static async Task UpdateCallAsync(this HostsFixture hosts, Guid callId, Action<UpdateSettersBuilder<Call>> set)
    {
        await using var scope = hosts.Api.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvortoDbContext>();
        await db.Calls.Where(call => call.Id == callId).ExecuteUpdateAsync(set);
    }
}

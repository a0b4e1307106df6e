using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Invorto.Application.Abstractions;
using Invorto.Domain.Concurrency;
using Invorto.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Hosts.Tests.Realtime;

/// <summary>Tenants, agents and slot counts for the Realtime host tests, made the way a customer makes them (through the Api).</summary>
internal static class WebCalls
{
    public static async Task<(string Key, Guid TenantId, Guid AgentId)> TenantWithAgentAsync(HostsFixture hosts, string name, object? config = null)
    {
        var tenant = await hosts.CreateTenantAsync(name);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/agents")
        {
            Content = JsonContent.Create(new { name = "Web agent", config = config ?? new { prompt = "You are a helpful test agent." } }),
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", tenant.ApiKey) },
        };
        using var response = await hosts.Api.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var agent = await response.Content.ReadFromJsonAsync<JsonElement>();
        await using var scope = hosts.Api.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvortoDbContext>();
        (await db.Tenants.SingleAsync(t => t.Id == tenant.TenantId)).ChangeLimits(null, 10);
        await db.SaveChangesAsync();
        return (tenant.ApiKey, tenant.TenantId, agent.GetProperty("id").GetGuid());
    }

    /// <summary>Stores an agent straight in the database, for settings the Api's validation would not accept (tests need seconds, not minutes).</summary>
    public static async Task<Guid> StoredAgentAsync(HostsFixture hosts, Guid tenantId, string configJson)
    {
        await using var scope = hosts.Api.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvortoDbContext>();
        var agent = Invorto.Domain.Agents.Agent.Create(Guid.CreateVersion7(), tenantId, "Stored agent", configJson, DateTimeOffset.UtcNow);
        db.Add(agent);
        await db.SaveChangesAsync();
        return agent.Id;
    }

    public static async Task<int?> SlotsHeldAsync(HostsFixture hosts, Guid tenantId) =>
        await hosts.Api.App.Services.GetRequiredService<IConcurrencyLimiter>().CountAsync(ConcurrencyScope.ForTenant(tenantId, int.MaxValue), CancellationToken.None);

    /// <summary>Wraps <see cref="VoiceClient"/>'s send for a <see cref="Invorto.Testing.Conversations.LiveCaller"/>: frames after the socket went away are dropped.</summary>
    public static Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> AudioSink(VoiceClient client, System.Net.WebSockets.WebSocketMessageType type = System.Net.WebSockets.WebSocketMessageType.Binary) => async (frame, ct) =>
    {
        try
        {
            await client.SendAsync(frame, type, ct);
        }
        catch (Exception exception) when (exception is System.Net.WebSockets.WebSocketException or ObjectDisposedException or IOException or InvalidOperationException)
        {
            // The session is over; a phone would keep sending into the void too.
        }
    };

    public static string Start(Guid agentId, string? clientCallId = null) =>
        JsonSerializer.Serialize(new { t = "start", callId = clientCallId, agentId = agentId.ToString(), sampleRate = 16000 });
}

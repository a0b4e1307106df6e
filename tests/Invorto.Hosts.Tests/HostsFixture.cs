using Invorto.Api;
using Invorto.Application.Tenants.CreateTenant;
using Invorto.Domain.Calls;
using Invorto.Domain.Tenants;
using Invorto.Infrastructure.Persistence;
using Invorto.Realtime;
using Invorto.Telephony;
using Invorto.Testing;
using Invorto.Testing.Jambonz;
using Invorto.Webhooks;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Hosts.Tests;

/// <summary>The four services on one private PostgreSQL database and the test Redis, as production runs them.</summary>
public sealed class HostsFixture : IAsyncLifetime
{
    public const string JambonzSecret = "test-jambonz-webhook-secret";
    public const string TwilioToken = "test-twilio-auth-token";
    public const string RealtimeSecret = "test-realtime-secret-0123456789abcdef";
    public const string RealtimeOperationsKey = "test-realtime-operations-key";

    private TestDatabase? _database;

    public TestHost Api { get; private set; } = null!;

    public TestHost Realtime { get; private set; } = null!;

    public TestHost Webhooks { get; private set; } = null!;

    public TestHost Telephony { get; private set; } = null!;

    public Dictionary<string, string?> Environment { get; } = [];

    public FakeJambonzRestApi Jambonz { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Jambonz = await FakeJambonzRestApi.StartAsync();
        _database = await TestDatabase.CreateAsync();
        Environment["JAMBONZ_API_BASE_URL"] = Jambonz.BaseUrl.ToString();
        Environment["JAMBONZ_ACCOUNT_SID"] = "acc-test";
        Environment["JAMBONZ_API_KEY"] = "jambonz-test-key";
        Environment["DB_URL"] = _database.ConnectionString;
        Environment["REDIS_URL"] = TestServers.RedisUrl;
        Environment["MIGRATE_ON_START"] = "true";
        Environment["JAMBONZ_WEBHOOK_SECRET"] = JambonzSecret;
        Environment["TWILIO_ACCOUNT_SID"] = "AC00000000000000000000000000000000";
        Environment["TWILIO_AUTH_TOKEN"] = TwilioToken;
        Environment["TWILIO_API_BASE_URL"] = "http://127.0.0.1:9";
        Environment["REALTIME_WS_SECRET"] = RealtimeSecret;
        Environment["REALTIME_API_KEY"] = RealtimeOperationsKey;
        Environment["TELEPHONY_WEBHOOK_BASE_URL"] = "https://hooks.example.com/telephony";
        Environment["REALTIME_WS_URL"] = "wss://rt.example.com/realtime/voice";

        // The transport tests drive conversations word by word with the scripted providers; OfflineConversationTests
        // runs a host on the default (offline) providers, as the README's run command does.
        Environment["CONVERSATION_PROVIDERS"] = "scripted";

        // Far above what the shared tests send; ApiRateLimitTests checks the limit on a host of its own.
        Environment["API_RATE_LIMIT_PER_MIN"] = "100000";

        Api = await TestHost.StartAsync((b, e) => b.AddApiService(e), a => a.MapApiService(), Environment);
        Environment["MIGRATE_ON_START"] = "false";
        Realtime = await TestHost.StartAsync((b, e) => b.AddRealtimeService(e), a => a.MapRealtimeService(), Environment);
        Webhooks = await TestHost.StartAsync((b, e) => b.AddWebhooksService(e), a => a.MapWebhooksService(), Environment);
        Telephony = await TestHost.StartAsync((b, e) => b.AddTelephonyService(e), a => a.MapTelephonyService(), Environment);
    }

    public TestHost Host(string service) => service switch
    {
        "api" => Api,
        "realtime" => Realtime,
        "webhooks" => Webhooks,
        "telephony" => Telephony,
        _ => throw new ArgumentOutOfRangeException(nameof(service)),
    };

    /// <summary>Bootstraps a tenant the way the create-tenant command does and returns its admin key.</summary>
    public async Task<TenantCreated> CreateTenantAsync(string name)
    {
        await using var scope = Api.App.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<CreateTenantHandler>().HandleAsync(new CreateTenantCommand(name), CancellationToken.None);
        return result.Value ?? throw new InvalidOperationException(result.Error?.Message);
    }

    /// <summary>Issues an extra key with the given role for a tenant and returns its secret.</summary>
    public async Task<(Guid KeyId, string Secret)> IssueKeyAsync(Guid tenantId, ApiKeyRole role)
    {
        await using var scope = Api.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvortoDbContext>();
        var secret = ApiKeySecret.Generate("test");
        var key = ApiKey.Issue(Guid.CreateVersion7(), tenantId, role.ToString(), role, secret, DateTimeOffset.UtcNow);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync();
        return (key.Id, secret.Value);
    }

    /// <summary>The call as stored now, with its timeline.</summary>
    /// <summary>A Jambonz stand-in that posts to the Telephony host and opens its listen sockets on the Realtime test server.</summary>
    public JambonzSimulator JambonzSimulator() => new(
        Telephony.Client,
        async (url, subprotocols, ct) =>
        {
            var client = Realtime.App.GetTestServer().CreateWebSocketClient();
            foreach (var subprotocol in subprotocols)
            {
                client.SubProtocols.Add(subprotocol);
            }

            return await client.ConnectAsync(new Uri($"ws://localhost{url.AbsolutePath}"), ct);
        },
        JambonzSecret);

    public async Task<Call> LoadCallAsync(Guid callId)
    {
        await using var scope = Api.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InvortoDbContext>().Calls.AsNoTracking().Include(c => c.Events).SingleAsync(c => c.Id == callId);
    }

    public async Task RevokeKeyAsync(Guid keyId)
    {
        await using var scope = Api.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvortoDbContext>();
        var key = await db.ApiKeys.FindAsync(keyId);
        key!.Revoke();
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var host in new[] { Telephony, Webhooks, Realtime, Api }.Where(host => host is not null))
        {
            await host.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        if (Jambonz is not null)
        {
            await Jambonz.DisposeAsync();
        }
    }
}

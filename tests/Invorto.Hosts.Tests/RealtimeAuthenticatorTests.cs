using System.Buffers.Text;
using System.Text;
using Invorto.Application.Common;
using Invorto.Application.Conversations;
using Invorto.Domain.Tenants;
using Invorto.Infrastructure.Realtime;
using Invorto.Realtime.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Invorto.Hosts.Tests;

/// <summary>The credentials a <c>/realtime/voice</c> upgrade may carry (spec §5.1), checked by the Realtime host's own authenticator.</summary>
[Collection(HostsCollection.Name)]
public sealed class RealtimeAuthenticatorTests(HostsFixture hosts)
{
    private IServiceProvider Services => hosts.Realtime.App.Services;

    private async Task<RealtimeAuthResult> AuthenticateAsync(Action<HttpContext> present)
    {
        var context = new DefaultHttpContext();
        present(context);
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RealtimeAuthenticator>().AuthenticateAsync(context, CancellationToken.None);
    }

    private static Action<HttpContext> Query(string token) => context => context.Request.QueryString = QueryString.Create("token", token);

    private static Action<HttpContext> Subprotocols(params string[] values) => context => context.Request.Headers.SecWebSocketProtocol = string.Join(", ", values);

    private RealtimeTokenIssuer IssuerAt(DateTimeOffset now) => new(Services.GetRequiredService<RealtimeSigningKey>(), new FixedClock(now));

    private static string Signed(Dictionary<string, object> payload) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = payload,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(HostsFixture.RealtimeSecret)), SecurityAlgorithms.HmacSha256),
        });

    private static void ShouldBeRefused(RealtimeAuthResult result)
    {
        result.Credential.ShouldBeNull();
        result.FailureCode.ShouldBe(ErrorCodes.InvalidApiKey);
        result.EchoSubprotocol.ShouldBeNull();
    }

    [Fact]
    public async Task Valid_token_names_its_tenant_and_call()
    {
        var (tenantId, callId) = (Guid.NewGuid(), Guid.NewGuid());
        var token = Services.GetRequiredService<RealtimeTokenIssuer>().Mint(tenantId, callId);

        var result = await AuthenticateAsync(Query(token.Value));

        result.Credential.ShouldBe(RealtimeCredential.ForToken(tenantId, callId));
        result.TokenCallId.ShouldBe(callId.ToString());
        result.EchoSubprotocol.ShouldBeNull();
    }

    [Fact]
    public async Task Expired_token_is_refused()
    {
        var token = IssuerAt(DateTimeOffset.UtcNow.AddMinutes(-20)).Mint(Guid.NewGuid(), Guid.NewGuid(), TimeSpan.FromMinutes(10));

        ShouldBeRefused(await AuthenticateAsync(Query(token.Value)));
    }

    [Fact]
    public async Task Token_living_longer_than_15_minutes_is_refused()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var token = Signed(new() { ["tenantId"] = Guid.NewGuid().ToString(), ["callId"] = Guid.NewGuid().ToString(), ["iat"] = now, ["exp"] = now + 16 * 60 });

        ShouldBeRefused(await AuthenticateAsync(Query(token)));
    }

    [Fact]
    public async Task Token_with_a_tampered_signature_is_refused()
    {
        var token = Services.GetRequiredService<RealtimeTokenIssuer>().Mint(Guid.NewGuid(), Guid.NewGuid()).Value;
        var tampered = token[..token.LastIndexOf('.')] + "." + Base64Url.EncodeToString(new byte[32]);

        ShouldBeRefused(await AuthenticateAsync(Query(tampered)));
    }

    [Fact]
    public async Task Unsigned_alg_none_token_is_refused()
    {
        static string Part(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var token = $$"""{{Part("""{"alg":"none","typ":"JWT"}""")}}.{{Part($$"""{"tenantId":"{{Guid.NewGuid()}}","callId":"{{Guid.NewGuid()}}","iat":{{now}},"exp":{{now + 300}}}""")}}.""";

        ShouldBeRefused(await AuthenticateAsync(Query(token)));
    }

    [Fact]
    public async Task Operations_key_as_subprotocol_is_echoed()
    {
        var result = await AuthenticateAsync(Subprotocols("not-a-key", HostsFixture.RealtimeOperationsKey));

        result.Credential!.Kind.ShouldBe(RealtimeCredentialKind.OperationsKey);
        result.Credential.TenantId.ShouldBeNull();
        result.EchoSubprotocol.ShouldBe(HostsFixture.RealtimeOperationsKey);
    }

    [Fact]
    public async Task Tenant_key_as_subprotocol_is_echoed()
    {
        var tenant = await hosts.CreateTenantAsync("rt-auth");

        var result = await AuthenticateAsync(Subprotocols(tenant.ApiKey));

        result.Credential.ShouldBe(RealtimeCredential.ForTenantKey(tenant.TenantId, tenant.ApiKeyId, ApiKeyRole.Admin));
        result.EchoSubprotocol.ShouldBe(tenant.ApiKey);
    }

    [Fact]
    public async Task Tenant_key_as_bearer_or_x_api_key_is_accepted_without_echo()
    {
        var tenant = await hosts.CreateTenantAsync("rt-auth");
        var (keyId, analystKey) = await hosts.IssueKeyAsync(tenant.TenantId, ApiKeyRole.Analyst);

        var bearer = await AuthenticateAsync(context => context.Request.Headers.Authorization = $"Bearer {tenant.ApiKey}");
        var header = await AuthenticateAsync(context => context.Request.Headers["X-API-Key"] = analystKey);

        bearer.Credential.ShouldBe(RealtimeCredential.ForTenantKey(tenant.TenantId, tenant.ApiKeyId, ApiKeyRole.Admin));
        bearer.EchoSubprotocol.ShouldBeNull();
        header.Credential.ShouldBe(RealtimeCredential.ForTenantKey(tenant.TenantId, keyId, ApiKeyRole.Analyst));
    }

    [Fact]
    public async Task Revoked_key_is_refused()
    {
        var tenant = await hosts.CreateTenantAsync("rt-auth");
        var (keyId, secret) = await hosts.IssueKeyAsync(tenant.TenantId, ApiKeyRole.Dev);
        await hosts.RevokeKeyAsync(keyId);

        ShouldBeRefused(await AuthenticateAsync(Subprotocols(secret)));
        ShouldBeRefused(await AuthenticateAsync(context => context.Request.Headers.Authorization = $"Bearer {secret}"));
    }

    [Fact]
    public async Task Invalid_token_falls_back_to_a_valid_key()
    {
        var result = await AuthenticateAsync(context =>
        {
            Query("garbage")(context);
            Subprotocols(HostsFixture.RealtimeOperationsKey)(context);
        });

        result.Credential!.Kind.ShouldBe(RealtimeCredentialKind.OperationsKey);
    }

    [Fact]
    public async Task Nothing_presented_is_invalid_api_key()
    {
        ShouldBeRefused(await AuthenticateAsync(_ => { }));
        ShouldBeRefused(await AuthenticateAsync(Subprotocols("audio.jambonz.org", "inv_test_unknown")));
    }
}

using System.Net;
using System.Text.Json;
using Invorto.Domain.Tenants;

namespace Invorto.Hosts.Tests;

[Collection(HostsCollection.Name)]
public sealed class ApiKeysTests(HostsFixture hosts)
{
    private HttpClient Client => hosts.Api.Client;

    [Fact]
    public async Task Created_key_is_shown_once_and_works_for_its_role()
    {
        var tenant = await hosts.CreateTenantAsync("keys-create");

        var created = await Client.SendForJsonAsync(HttpMethod.Post, "/v1/keys", tenant.ApiKey, """{"name":"ci","role":"dev"}""", HttpStatusCode.Created);
        var secret = created.GetProperty("key").GetString()!;

        created.GetProperty("name").GetString().ShouldBe("ci");
        created.GetProperty("role").GetString().ShouldBe("dev");
        secret.ShouldStartWith("inv_");
        (await Client.SendAsync(HttpMethod.Get, "/v1/agents", secret)).Status.ShouldBe(HttpStatusCode.OK);
        (await Client.SendAsync(HttpMethod.Get, "/v1/keys", secret)).Status.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Listing_shows_every_key_of_the_tenant_without_secrets_or_hashes()
    {
        var tenant = await hosts.CreateTenantAsync("keys-list");
        var created = await Client.SendForJsonAsync(HttpMethod.Post, "/v1/keys", tenant.ApiKey, """{"name":"reporting","role":"analyst"}""", HttpStatusCode.Created);
        var secret = created.GetProperty("key").GetString()!;

        var page = await Client.SendForJsonAsync(HttpMethod.Get, "/v1/keys", tenant.ApiKey);
        var raw = page.GetRawText();

        page.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
        var keys = page.GetProperty("data").EnumerateArray().ToList();
        keys.Select(key => key.GetProperty("id").GetGuid()).ShouldBe([tenant.ApiKeyId, created.GetProperty("id").GetGuid()]);
        keys.ShouldAllBe(key => key.GetProperty("active").GetBoolean());
        keys[1].GetProperty("role").GetString().ShouldBe("analyst");
        raw.ShouldNotContain(secret);
        raw.ShouldNotContain(ApiKeySecret.HashOf(secret));
        raw.ShouldNotContain("hash", Case.Insensitive);
        raw.ShouldNotContain("\"key\"");
    }

    [Theory]
    [InlineData(ApiKeyRole.Dev)]
    [InlineData(ApiKeyRole.Analyst)]
    public async Task Only_admin_keys_manage_keys(ApiKeyRole role)
    {
        var tenant = await hosts.CreateTenantAsync($"keys-{role}");
        var (_, secret) = await hosts.IssueKeyAsync(tenant.TenantId, role);

        var create = await Client.SendAsync(HttpMethod.Post, "/v1/keys", secret, """{"name":"x","role":"admin"}""");
        var list = await Client.SendAsync(HttpMethod.Get, "/v1/keys", secret);
        var revoke = await Client.SendAsync(HttpMethod.Delete, $"/v1/keys/{tenant.ApiKeyId}", secret);

        create.Status.ShouldBe(HttpStatusCode.Forbidden);
        create.Body.GetProperty("code").GetString().ShouldBe("forbidden");
        list.Status.ShouldBe(HttpStatusCode.Forbidden);
        revoke.Status.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Bad_name_or_role_is_a_validation_error_naming_the_fields()
    {
        var tenant = await hosts.CreateTenantAsync("keys-bad");

        var problem = await Client.SendForJsonAsync(HttpMethod.Post, "/v1/keys", tenant.ApiKey, """{"name":" ","role":"owner"}""", HttpStatusCode.BadRequest);

        ApiCalls.ErrorFieldsOf(problem).ShouldBe(["name", "role"], ignoreOrder: true);
    }

    [Fact]
    public async Task Revoked_key_gets_401_on_its_very_next_request_and_revoking_again_is_harmless()
    {
        var tenant = await hosts.CreateTenantAsync("keys-revoke");
        var (keyId, secret) = await hosts.IssueKeyAsync(tenant.TenantId, ApiKeyRole.Dev);
        (await Client.SendAsync(HttpMethod.Get, "/v1/agents", secret)).Status.ShouldBe(HttpStatusCode.OK);

        var first = await Client.SendAsync(HttpMethod.Delete, $"/v1/keys/{keyId}", tenant.ApiKey);
        var next = await Client.SendAsync(HttpMethod.Get, "/v1/agents", secret);
        var again = await Client.SendAsync(HttpMethod.Delete, $"/v1/keys/{keyId}", tenant.ApiKey);
        var listed = await Client.SendForJsonAsync(HttpMethod.Get, "/v1/keys", tenant.ApiKey);

        first.Status.ShouldBe(HttpStatusCode.NoContent);
        next.Status.ShouldBe(HttpStatusCode.Unauthorized);
        next.Body.GetProperty("code").GetString().ShouldBe("invalid_api_key");
        again.Status.ShouldBe(HttpStatusCode.NoContent);
        listed.GetProperty("data").EnumerateArray().Single(key => key.GetProperty("id").GetGuid() == keyId).GetProperty("active").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Another_tenants_key_is_not_found_and_stays_active()
    {
        var mine = await hosts.CreateTenantAsync("keys-mine");
        var theirs = await hosts.CreateTenantAsync("keys-theirs");
        var (theirKeyId, theirSecret) = await hosts.IssueKeyAsync(theirs.TenantId, ApiKeyRole.Dev);

        var revoke = await Client.SendAsync(HttpMethod.Delete, $"/v1/keys/{theirKeyId}", mine.ApiKey);
        var list = await Client.SendForJsonAsync(HttpMethod.Get, "/v1/keys", mine.ApiKey);

        revoke.Status.ShouldBe(HttpStatusCode.NotFound);
        revoke.Body.GetProperty("code").GetString().ShouldBe("not_found");
        list.GetProperty("data").EnumerateArray().Select(key => key.GetProperty("id").GetGuid()).ShouldNotContain(theirKeyId);
        (await Client.SendAsync(HttpMethod.Get, "/v1/agents", theirSecret)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_last_active_admin_key_cannot_be_revoked()
    {
        var tenant = await hosts.CreateTenantAsync("keys-last-admin");

        var refused = await Client.SendAsync(HttpMethod.Delete, $"/v1/keys/{tenant.ApiKeyId}", tenant.ApiKey);

        refused.Status.ShouldBe(HttpStatusCode.Conflict);
        refused.Body.GetProperty("code").GetString().ShouldBe("conflict");
        refused.Body.GetProperty("detail").GetString()!.ShouldContain("last active admin key");
        (await Client.SendAsync(HttpMethod.Get, "/v1/keys", tenant.ApiKey)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_admin_key_can_be_revoked_while_another_admin_key_is_active()
    {
        var tenant = await hosts.CreateTenantAsync("keys-two-admins");
        var second = await Client.SendForJsonAsync(HttpMethod.Post, "/v1/keys", tenant.ApiKey, """{"name":"second admin","role":"admin"}""", HttpStatusCode.Created);

        var revoke = await Client.SendAsync(HttpMethod.Delete, $"/v1/keys/{tenant.ApiKeyId}", second.GetProperty("key").GetString()!);

        revoke.Status.ShouldBe(HttpStatusCode.NoContent);
        (await Client.SendAsync(HttpMethod.Get, "/v1/keys", tenant.ApiKey)).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_keys_last_use_is_shown_in_the_listing()
    {
        var tenant = await hosts.CreateTenantAsync("keys-last-used");
        var (keyId, secret) = await hosts.IssueKeyAsync(tenant.TenantId, ApiKeyRole.Dev);
        var before = await Client.SendForJsonAsync(HttpMethod.Get, "/v1/keys", tenant.ApiKey);
        before.GetProperty("data").EnumerateArray().Single(key => key.GetProperty("id").GetGuid() == keyId).GetProperty("lastUsedAt").ValueKind.ShouldBe(JsonValueKind.Null);
        var usedAfter = DateTimeOffset.UtcNow.AddSeconds(-1);

        (await Client.SendAsync(HttpMethod.Get, "/v1/agents", secret)).Status.ShouldBe(HttpStatusCode.OK);
        var lastUsed = await Invorto.Testing.Eventually.ReturnsAsync(
            async () => (await Client.SendForJsonAsync(HttpMethod.Get, "/v1/keys", tenant.ApiKey))
                .GetProperty("data").EnumerateArray().Single(key => key.GetProperty("id").GetGuid() == keyId).GetProperty("lastUsedAt"),
            value => value.ValueKind != JsonValueKind.Null,
            TimeSpan.FromSeconds(10));

        lastUsed.GetDateTimeOffset().ShouldBeGreaterThanOrEqualTo(usedAfter);
    }

    [Fact]
    public async Task Two_admins_revoking_each_other_at_once_leave_one_admin()
    {
        for (var round = 0; round < 5; round++)
        {
            var tenant = await hosts.CreateTenantAsync($"keys-race-{round}");
            var second = await Client.SendForJsonAsync(HttpMethod.Post, "/v1/keys", tenant.ApiKey, """{"name":"second admin","role":"admin"}""", HttpStatusCode.Created);
            var secondId = second.GetProperty("id").GetGuid();
            var secondKey = second.GetProperty("key").GetString()!;

            var outcomes = await Task.WhenAll(
                Client.SendAsync(HttpMethod.Delete, $"/v1/keys/{secondId}", tenant.ApiKey),
                Client.SendAsync(HttpMethod.Delete, $"/v1/keys/{tenant.ApiKeyId}", secondKey));

            // The loser either finds itself the last admin (409) or was revoked before it authenticated (401).
            outcomes.Count(outcome => outcome.Status == HttpStatusCode.NoContent).ShouldBe(1);
            outcomes.ShouldContain(outcome => outcome.Status == HttpStatusCode.Conflict || outcome.Status == HttpStatusCode.Unauthorized);
            var survivor = outcomes[0].Status == HttpStatusCode.NoContent ? tenant.ApiKey : secondKey;
            var keys = await Client.SendForJsonAsync(HttpMethod.Get, "/v1/keys", survivor);
            keys.GetProperty("data").EnumerateArray().Count(key => key.GetProperty("role").GetString() == "admin" && key.GetProperty("active").GetBoolean()).ShouldBe(1);
        }
    }
}

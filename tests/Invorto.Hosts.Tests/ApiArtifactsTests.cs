using System.Net;
using System.Text;
using Invorto.Application.Abstractions;
using Invorto.Domain.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Hosts.Tests;

/// <summary><c>GET /v1/calls/{id}/artifacts</c> and the signed, expiring links it hands out.</summary>
[Collection(HostsCollection.Name)]
public sealed class ApiArtifactsTests(HostsFixture hosts)
{
    private HttpClient Client => hosts.Api.Client;

    private T Service<T>()
        where T : notnull => hosts.Api.App.Services.GetRequiredService<T>();

    private async Task StoreAsync(Guid tenantId, Guid callId, ArtifactKind kind, byte[] content)
    {
        using var stream = new MemoryStream(content);
        await Service<IArtifactStore>().SaveAsync(tenantId, callId, kind, stream, CancellationToken.None);
    }

    private static string PathOf(System.Text.Json.JsonElement artifact) =>
        new Uri(artifact.GetProperty("url").GetString()!).PathAndQuery;

    [Fact]
    public async Task A_stored_artifact_is_listed_with_a_link_that_downloads_it()
    {
        var (key, tenantId, agentId) = await hosts.TenantWithAgentAsync("artifacts");
        var callId = await hosts.PlaceCallAsync(key, agentId);
        var transcript = Encoding.UTF8.GetBytes("""{"messages":[{"role":"agent","text":"Hello"}]}""");
        var recording = new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4 };
        await StoreAsync(tenantId, callId, ArtifactKind.Transcript, transcript);
        await StoreAsync(tenantId, callId, ArtifactKind.Recording, recording);

        var listed = await Client.SendForJsonAsync(HttpMethod.Get, $"/v1/calls/{callId}/artifacts", key);
        var artifacts = listed.GetProperty("artifacts").EnumerateArray().ToList();
        using var download = await Client.GetAsync(new Uri(PathOf(artifacts[1]), UriKind.Relative));

        artifacts.Select(artifact => artifact.GetProperty("kind").GetString()).ShouldBe(["recording", "transcript"]);
        artifacts[1].GetProperty("url").GetString()!.ShouldContain($"/v1/artifacts/{callId}/transcript?exp=");
        artifacts[1].GetProperty("expiresAt").GetDateTimeOffset().ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(14), DateTimeOffset.UtcNow.AddMinutes(16));
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(transcript);
        using var audio = await Client.GetAsync(new Uri(PathOf(artifacts[0]), UriKind.Relative));
        audio.Content.Headers.ContentType!.MediaType.ShouldBe("audio/wav");
        (await audio.Content.ReadAsByteArrayAsync()).ShouldBe(recording);
    }

    [Fact]
    public async Task A_call_without_artifacts_has_an_empty_list()
    {
        var (key, _, agentId) = await hosts.TenantWithAgentAsync("artifacts-none");
        var callId = await hosts.PlaceCallAsync(key, agentId);

        var listed = await Client.SendForJsonAsync(HttpMethod.Get, $"/v1/calls/{callId}/artifacts", key);

        listed.GetProperty("artifacts").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_tampered_link_is_403()
    {
        var (key, tenantId, agentId) = await hosts.TenantWithAgentAsync("artifacts-tamper");
        var callId = await hosts.PlaceCallAsync(key, agentId);
        await StoreAsync(tenantId, callId, ArtifactKind.Transcript, "{}"u8.ToArray());
        var path = PathOf((await Client.SendForJsonAsync(HttpMethod.Get, $"/v1/calls/{callId}/artifacts", key)).GetProperty("artifacts")[0]);
        var exp = long.Parse(path.Split("exp=")[1].Split('&')[0], System.Globalization.CultureInfo.InvariantCulture);

        var longerLife = await Client.GetAsync(new Uri(path.Replace($"exp={exp}", $"exp={exp + 3600}", StringComparison.Ordinal), UriKind.Relative));
        var otherKind = await Client.GetAsync(new Uri(path.Replace("/transcript?", "/recording?", StringComparison.Ordinal), UriKind.Relative));
        var noSignature = await Client.GetAsync(new Uri(path.Split("&sig=")[0], UriKind.Relative));
        var garbledExpiry = await Client.GetAsync(new Uri(path.Replace($"exp={exp}", "exp=soon", StringComparison.Ordinal), UriKind.Relative));

        longerLife.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        otherKind.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        noSignature.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        garbledExpiry.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await longerLife.Content.ReadAsStringAsync()).ShouldContain("\"code\":\"forbidden\"");
    }

    [Fact]
    public async Task An_expired_link_is_403()
    {
        var (key, tenantId, agentId) = await hosts.TenantWithAgentAsync("artifacts-expired");
        var callId = await hosts.PlaceCallAsync(key, agentId);
        await StoreAsync(tenantId, callId, ArtifactKind.Transcript, "{}"u8.ToArray());
        var expired = Service<IArtifactLinks>().Create(callId, ArtifactKind.Transcript, DateTimeOffset.UtcNow.AddSeconds(-1));

        var response = await Client.GetAsync(new Uri(expired.PathAndQuery, UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).ShouldContain("expired");
    }

    [Fact]
    public async Task A_valid_link_to_an_artifact_that_is_not_stored_or_an_unknown_kind_is_404()
    {
        var (key, _, agentId) = await hosts.TenantWithAgentAsync("artifacts-missing");
        var callId = await hosts.PlaceCallAsync(key, agentId);
        var link = Service<IArtifactLinks>().Create(callId, ArtifactKind.Recording, DateTimeOffset.UtcNow.AddMinutes(5));

        var missing = await Client.GetAsync(new Uri(link.PathAndQuery, UriKind.Relative));
        var unknownKind = await Client.GetAsync(new Uri(link.PathAndQuery.Replace("/recording?", "/video?", StringComparison.Ordinal), UriKind.Relative));

        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknownKind.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_tenants_call_has_no_artifacts_to_show()
    {
        var (key, tenantId, agentId) = await hosts.TenantWithAgentAsync("artifacts-mine");
        var (otherKey, _, _) = await hosts.TenantWithAgentAsync("artifacts-theirs");
        var callId = await hosts.PlaceCallAsync(key, agentId);
        await StoreAsync(tenantId, callId, ArtifactKind.Transcript, "{}"u8.ToArray());

        var response = await Client.SendAsync(HttpMethod.Get, $"/v1/calls/{callId}/artifacts", otherKey);

        response.Status.ShouldBe(HttpStatusCode.NotFound);
        response.Body.GetProperty("code").GetString().ShouldBe("not_found");
    }

    [Fact]
    public async Task Listing_needs_a_key_and_any_role_may_read()
    {
        var (key, tenantId, agentId) = await hosts.TenantWithAgentAsync("artifacts-roles");
        var callId = await hosts.PlaceCallAsync(key, agentId);
        var (_, analyst) = await hosts.IssueKeyAsync(tenantId, ApiKeyRole.Analyst);

        using var anonymous = await Client.GetAsync(new Uri($"/v1/calls/{callId}/artifacts", UriKind.Relative));
        var asAnalyst = await Client.SendAsync(HttpMethod.Get, $"/v1/calls/{callId}/artifacts", analyst);

        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        asAnalyst.Status.ShouldBe(HttpStatusCode.OK);
    }
}

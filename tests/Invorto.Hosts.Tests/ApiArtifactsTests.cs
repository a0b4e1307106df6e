using System.Net;
using System.Text;
using Invorto.Application.Abstractions;
using Invorto.Domain.Calls;
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

    private static string PathOf(System.Text.Json.JsonElement listed, string kind) =>
        new Uri(listed.GetProperty(kind).GetString()!).PathAndQuery;

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
        using var download = await Client.GetAsync(new Uri(PathOf(listed, "transcript"), UriKind.Relative));

        listed.GetProperty("transcript").GetString()!.ShouldContain($"/v1/artifacts/{callId}/transcript?exp=");
        listed.GetProperty("recording").GetString()!.ShouldContain($"/v1/artifacts/{callId}/recording?exp=");
        listed.GetProperty("expiresAt").GetDateTimeOffset().ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(14), DateTimeOffset.UtcNow.AddMinutes(16));
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(transcript);
        using var audio = await Client.GetAsync(new Uri(PathOf(listed, "recording"), UriKind.Relative));
        audio.Content.Headers.ContentType!.MediaType.ShouldBe("audio/wav");
        (await audio.Content.ReadAsByteArrayAsync()).ShouldBe(recording);
    }

    [Fact]
    public async Task A_call_without_artifacts_has_no_links()
    {
        var (key, _, agentId) = await hosts.TenantWithAgentAsync("artifacts-none");
        var callId = await hosts.PlaceCallAsync(key, agentId);

        var listed = await Client.SendForJsonAsync(HttpMethod.Get, $"/v1/calls/{callId}/artifacts", key);

        listed.GetProperty("recording").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        listed.GetProperty("transcript").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task A_tampered_link_is_403()
    {
        var (key, tenantId, agentId) = await hosts.TenantWithAgentAsync("artifacts-tamper");
        var callId = await hosts.PlaceCallAsync(key, agentId);
        await StoreAsync(tenantId, callId, ArtifactKind.Transcript, "{}"u8.ToArray());
        var path = PathOf(await Client.SendForJsonAsync(HttpMethod.Get, $"/v1/calls/{callId}/artifacts", key), "transcript");
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

    [Fact]
    public async Task Erasing_an_ended_calls_artifacts_deletes_them_keeps_its_costs_and_is_on_its_timeline()
    {
        var (key, tenantId, agentId) = await hosts.TenantWithAgentAsync("artifacts-erase");
        var (otherKey, _, _) = await hosts.TenantWithAgentAsync("artifacts-erase-other");
        var (_, analyst) = await hosts.IssueKeyAsync(tenantId, ApiKeyRole.Analyst);
        var callId = await hosts.PlaceCallAsync(key, agentId);
        await StoreAsync(tenantId, callId, ArtifactKind.Transcript, "{}"u8.ToArray());
        await StoreAsync(tenantId, callId, ArtifactKind.Recording, [1, 2, 3]);

        var live = await Client.SendAsync(HttpMethod.Delete, $"/v1/calls/{callId}/artifacts", key);
        await hosts.UpdateCallAsync(callId, set => set.SetProperty(call => call.Status, CallStatus.Completed).SetProperty(call => call.CostInr, 1.25m));
        var foreign = await Client.SendAsync(HttpMethod.Delete, $"/v1/calls/{callId}/artifacts", otherKey);
        var readOnly = await Client.SendAsync(HttpMethod.Delete, $"/v1/calls/{callId}/artifacts", analyst);
        var erased = await Client.SendAsync(HttpMethod.Delete, $"/v1/calls/{callId}/artifacts", key);

        live.Status.ShouldBe(HttpStatusCode.Conflict);
        foreign.Status.ShouldBe(HttpStatusCode.NotFound);
        readOnly.Status.ShouldBe(HttpStatusCode.Forbidden);
        erased.Status.ShouldBe(HttpStatusCode.NoContent);
        (await Service<IArtifactStore>().ListAsync(tenantId, callId, CancellationToken.None)).ShouldBeEmpty();
        var call = await hosts.LoadCallAsync(callId);
        call.CostInr.ShouldBe(1.25m);
        call.Events.ShouldContain(entry => entry.Kind == "artifacts.erased" && entry.PayloadJson!.Contains("recording") && entry.PayloadJson.Contains("transcript"));
    }
}

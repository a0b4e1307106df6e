using System.Net;
using System.Net.WebSockets;
using System.Text;
using Invorto.Domain.Tenants;
using Invorto.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Hosts.Tests.Realtime;

/// <summary>
/// The close codes of spec §5.1 on <c>/realtime/voice</c>: every refusal is a close after the upgrade with its code, and
/// the host serves health checks and new sessions afterwards.
/// </summary>
[Collection(HostsCollection.Name)]
public sealed class CloseCodeTests(HostsFixture hosts)
{
    private async Task<(string Key, Guid TenantId, Guid AgentId)> TenantAsync() => await WebCalls.TenantWithAgentAsync(hosts, "rt-close");

    private Task<VoiceClient> ConnectAsync(string key) =>
        VoiceClient.ConnectAsync(hosts.Realtime, "/realtime/voice", c => c.SubProtocols.Add(key));

    /// <summary>A client of a new tenant whose session has started (<c>ready</c> received).</summary>
    private async Task<VoiceClient> StartedSessionAsync()
    {
        var (key, _, agentId) = await TenantAsync();
        var client = await ConnectAsync(key);
        try
        {
            await client.SendTextAsync(WebCalls.Start(agentId));
            await client.WaitForKindAsync("ready");
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    private async Task HostStillServesAsync()
    {
        (await hosts.Realtime.Client.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var client = await StartedSessionAsync();
        await client.SendTextAsync("""{"t":"end"}""");
        (await client.ClosedWithAsync()).ShouldBe(1000);
    }

    [Fact]
    public async Task No_credentials_is_accepted_then_closed_with_4401()
    {
        await using var client = await VoiceClient.ConnectAsync(hosts.Realtime, "/realtime/voice");

        (await client.ClosedWithAsync()).ShouldBe(4401);
        client.Socket.CloseStatusDescription.ShouldBe("invalid_api_key");
        await HostStillServesAsync();
    }

    [Fact]
    public async Task Unknown_or_revoked_key_and_forged_token_are_closed_with_4401()
    {
        await using var unknown = await ConnectAsync("inv_test_not_a_key");
        await using var forged = await VoiceClient.ConnectAsync(hosts.Realtime, "/realtime/voice?token=forged.token.value");

        (await unknown.ClosedWithAsync()).ShouldBe(4401);
        (await forged.ClosedWithAsync()).ShouldBe(4401);
    }

    [Fact]
    public async Task Unknown_agent_is_closed_with_4404()
    {
        var (key, _, _) = await TenantAsync();
        await using var client = await ConnectAsync(key);

        await client.SendTextAsync(WebCalls.Start(Guid.NewGuid()));

        (await client.ClosedWithAsync()).ShouldBe(4404);
        client.OfKind("ready").ShouldBeEmpty();
        await HostStillServesAsync();
    }

    [Fact]
    public async Task Audio_before_start_is_closed_with_4400()
    {
        var (key, _, _) = await TenantAsync();
        await using var client = await ConnectAsync(key);

        await client.SendAsync(new byte[640], WebSocketMessageType.Binary);

        (await client.ClosedWithAsync()).ShouldBe(4400);
        await HostStillServesAsync();
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"t":"hello"}""")]
    [InlineData("""{"t":"start","sampleRate":44100}""")]
    public async Task Malformed_first_message_is_closed_with_4400(string first)
    {
        var (key, _, _) = await TenantAsync();
        await using var client = await ConnectAsync(key);

        await client.SendTextAsync(first);

        (await client.ClosedWithAsync()).ShouldBe(4400);
        await HostStillServesAsync();
    }

    [Fact]
    public async Task Bad_json_after_start_is_closed_with_4400()
    {
        var (key, tenantId, agentId) = await TenantAsync();
        await using var client = await ConnectAsync(key);
        await client.SendTextAsync(WebCalls.Start(agentId));
        await client.WaitForKindAsync("ready");

        await client.SendTextAsync("{\"t\":");

        (await client.ClosedWithAsync()).ShouldBe(4400);
        await Eventually(() => WebCalls.SlotsHeldAsync(hosts, tenantId), held => held == 0);
        await HostStillServesAsync();
    }

    [Fact]
    public async Task Unknown_message_after_start_is_answered_with_an_error_and_the_session_goes_on()
    {
        await using var client = await StartedSessionAsync();

        await client.SendTextAsync("""{"t":"bogus"}""");
        var error = (await client.WaitForKindAsync("error")).Json;
        await client.SendTextAsync("""{"t":"end"}""");

        error.GetProperty("code").GetString().ShouldBe("bad_request");
        (await client.ClosedWithAsync()).ShouldBe(1000);
    }

    [Fact]
    public async Task Binary_frame_over_16_KB_is_closed_with_1009()
    {
        await using var client = await StartedSessionAsync();

        await client.SendAsync(new byte[(16 * 1024) + 2], WebSocketMessageType.Binary);

        (await client.ClosedWithAsync()).ShouldBe(1009);
        await HostStillServesAsync();
    }

    [Fact]
    public async Task Text_over_64_KB_is_closed_with_1009()
    {
        await using var client = await StartedSessionAsync();

        var big = "{\"t\":\"dtmf\",\"digits\":\"" + new string('1', 70 * 1024) + "\"}";
        await client.SendAsync(Encoding.UTF8.GetBytes(big), WebSocketMessageType.Text);

        (await client.ClosedWithAsync()).ShouldBe(1009);
        await HostStillServesAsync();
    }

    [Fact]
    public async Task Text_under_64_KB_but_larger_than_the_first_receive_buffer_is_read_whole()
    {
        await using var client = await StartedSessionAsync();

        var large = "{\"t\":\"tool.result\",\"id\":\"no-such-call\",\"result\":\"" + new string('x', 40 * 1024) + "\"}";
        await client.SendAsync(Encoding.UTF8.GetBytes(large), WebSocketMessageType.Text);
        var error = (await client.WaitForKindAsync("error")).Json;
        await client.SendTextAsync("""{"t":"end"}""");

        error.GetProperty("code").GetString().ShouldBe("not_found");
        (await client.ClosedWithAsync()).ShouldBe(1000);
    }

    [Fact]
    public async Task Second_socket_for_a_live_call_is_closed_with_4409_and_the_first_goes_on()
    {
        var (key, _, agentId) = await TenantAsync();
        await using var first = await ConnectAsync(key);
        await first.SendTextAsync(WebCalls.Start(agentId));
        var callId = (await first.WaitForKindAsync("ready")).Json.GetProperty("callId").GetGuid();

        await using var second = await ConnectAsync(key);
        await second.SendTextAsync($$"""{"t":"start","callId":"{{callId}}"}""");

        (await second.ClosedWithAsync()).ShouldBe(4409);
        hosts.Realtime.App.Services.GetRequiredService<RealtimeSessions>().Find(callId).ShouldNotBeNull();
        await first.SendTextAsync("""{"t":"end"}""");
        (await first.ClosedWithAsync()).ShouldBe(1000);
    }

    /// <summary>A read-only (analyst) key may not start or join calls: the handler answers <c>forbidden</c>, which the close-code table maps to 1008 (policy violation).</summary>
    [Fact]
    public async Task Analyst_key_is_refused_with_1008()
    {
        var (_, tenantId, agentId) = await TenantAsync();
        var (_, analyst) = await hosts.IssueKeyAsync(tenantId, ApiKeyRole.Analyst);
        await using var client = await ConnectAsync(analyst);

        await client.SendTextAsync(WebCalls.Start(agentId));

        (await client.ClosedWithAsync()).ShouldBe(1008);
        client.Socket.CloseStatusDescription.ShouldBe("forbidden");
        client.OfKind("ready").ShouldBeEmpty();
    }

    [Fact]
    public async Task Connects_beyond_the_per_key_rate_are_closed_with_4429()
    {
        var (key, _, _) = await TenantAsync();

        var clients = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => ConnectAsync(key)));
        try
        {
            var refused = await Invorto.Testing.Eventually.ReturnsAsync(
                () => Task.FromResult(clients.Count(c => c.CloseCode == 4429)),
                count => count >= 1,
                VoiceClient.Patience);

            refused.ShouldBeGreaterThan(0);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }

        (await hosts.Realtime.Client.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static Task<T> Eventually<T>(Func<Task<T>> probe, Func<T, bool> done) =>
        Invorto.Testing.Eventually.ReturnsAsync(probe, done, VoiceClient.Patience);
}

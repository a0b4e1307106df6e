using System.Net.WebSockets;
using System.Text;
using Invorto.Infrastructure.Timeline;
using Invorto.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Hosts.Tests.Realtime;

/// <summary>
/// A client that floods <c>dtmf</c> (spec §5.1) is refused and then closed before its digits reach the timeline, Redis
/// and the LLM: invalid digits are answered with <c>bad_request</c> and end in 4400, too many messages per second with
/// <c>quota_exceeded</c> and end in 4429, and the call's timeline holds a bounded number of <c>dtmf</c> entries.
/// </summary>
[Collection(HostsCollection.Name)]
public sealed class DtmfFloodTests(HostsFixture hosts)
{
    private const int Messages = 2000;
    private const int TimelineDtmfBound = 40;

    private async Task<(VoiceClient Client, Guid CallId)> StartedSessionAsync()
    {
        var (key, _, agentId) = await WebCalls.TenantWithAgentAsync(hosts, "rt-dtmf");
        var client = await VoiceClient.ConnectAsync(hosts.Realtime, "/realtime/voice", c => c.SubProtocols.Add(key));
        await client.SendTextAsync(WebCalls.Start(agentId));
        var callId = (await client.WaitForKindAsync("ready")).Json.GetProperty("callId").GetGuid();
        return (client, callId);
    }

    private static async Task FloodAsync(VoiceClient client, string message)
    {
        var bytes = Encoding.UTF8.GetBytes(message);
        var sent = 0;
        while (sent < Messages && client.Socket.State == WebSocketState.Open)
        {
            try
            {
                await client.SendAsync(bytes, WebSocketMessageType.Text);
            }
            catch (Exception exception) when (exception is WebSocketException or IOException or InvalidOperationException)
            {
                break;
            }

            sent++;
        }

    }

    /// <summary>The <c>dtmf</c> entries of the call's live timeline, read once the session's last entry is written.</summary>
    private async Task<int> TimelineDtmfEntriesAsync(Guid callId)
    {
        var stream = hosts.Realtime.App.Services.GetRequiredService<ICallTimelineStream>();
        var entries = await Eventually.ReturnsAsync(
            () => stream.ReadAsync(callId, CancellationToken.None),
            read => read.Any(e => e.Kind == "session.ended"),
            VoiceClient.Patience);
        return entries.Count(e => e.Kind == "dtmf");
    }

    [Fact]
    public async Task A_flood_of_oversized_dtmf_is_refused_then_closed_with_4400_and_stays_off_the_timeline()
    {
        var (client, callId) = await StartedSessionAsync();
        await using (client)
        {
            await FloodAsync(client, "{\"t\":\"dtmf\",\"digits\":\"" + new string('5', 1000) + "\"}");

            (await client.ClosedWithAsync()).ShouldBe(4400);
            client.OfKind("error").ShouldAllBe(e => e.Json.GetProperty("code").GetString() == "bad_request");
            client.OfKind("error").Count().ShouldBeGreaterThan(0);
        }

        (await TimelineDtmfEntriesAsync(callId)).ShouldBe(0);
    }

    [Fact]
    public async Task A_flood_of_valid_dtmf_is_refused_over_the_rate_then_closed_with_4429_and_the_timeline_stays_bounded()
    {
        var (client, callId) = await StartedSessionAsync();
        await using (client)
        {
            await FloodAsync(client, """{"t":"dtmf","digits":"5"}""");

            (await client.ClosedWithAsync()).ShouldBe(4429);
            client.OfKind("error").ShouldContain(e => e.Json.GetProperty("code").GetString() == "quota_exceeded");
        }

        (await TimelineDtmfEntriesAsync(callId)).ShouldBeInRange(1, TimelineDtmfBound);
    }

    [Theory]
    [InlineData("X")]
    [InlineData("12345678901234567890123456789012345")]
    [InlineData("")]
    public async Task Invalid_digits_are_answered_with_bad_request_and_the_session_goes_on(string digits)
    {
        var (client, _) = await StartedSessionAsync();
        await using (client)
        {
            await client.SendTextAsync($$"""{"t":"dtmf","digits":"{{digits}}"}""");
            var error = await client.WaitForKindAsync("error");
            await client.SendTextAsync("""{"t":"end"}""");

            error.Json.GetProperty("code").GetString().ShouldBe("bad_request");
            (await client.ClosedWithAsync()).ShouldBe(1000);
        }
    }
}

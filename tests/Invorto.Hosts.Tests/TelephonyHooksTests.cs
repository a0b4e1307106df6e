using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Invorto.Domain.Agents;
using Invorto.Domain.Calls;
using Invorto.Infrastructure.Persistence;
using Invorto.Infrastructure.Realtime;
using Invorto.Infrastructure.Telephony.Jambonz;
using Invorto.Infrastructure.Telephony.Twilio;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Hosts.Tests;

[Collection(HostsCollection.Name)]
public sealed class TelephonyHooksTests(HostsFixture hosts)
{
    private HttpClient Client => hosts.Telephony.Client;

    private async Task<(Call Call, string Sid)> SeedOutboundCallAsync(string provider = "jambonz")
    {
        var tenant = await hosts.CreateTenantAsync("telephony");
        await using var scope = hosts.Api.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvortoDbContext>();
        var agent = Agent.Create(Guid.CreateVersion7(), tenant.TenantId, "Caller", """{"prompt":"p","consentPrompt":"This call may be recorded."}""", DateTimeOffset.UtcNow);
        var call = Call.PlaceOutbound(Guid.CreateVersion7(), tenant.TenantId, agent.Id, 1, "+918000000001", "+919800000002", provider, null, DateTimeOffset.UtcNow);
        var sid = $"sid-{Guid.NewGuid():N}";
        call.AttachProviderCall(sid);
        db.AddRange(agent, call);
        await db.SaveChangesAsync();
        return (call, sid);
    }

    private static HttpRequestMessage Jambonz(string path, string json, string? signature = "valid", long? timestamp = null)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        if (signature == "valid")
        {
            request.Headers.Add(JambonzSignature.HeaderName, JambonzSignature.Sign(HostsFixture.JambonzSecret, timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds(), body));
        }
        else if (signature is not null)
        {
            request.Headers.Add(JambonzSignature.HeaderName, signature);
        }

        return request;
    }

    private static string Status(string sid, string status) =>
        $$"""{"call_sid":"{{sid}}","call_status":"{{status}}","sip_status":200,"direction":"outbound"}""";

    [Fact]
    public async Task Signed_status_hooks_drive_the_call_to_completed()
    {
        var (call, sid) = await SeedOutboundCallAsync();

        foreach (var status in new[] { "trying", "ringing", "in-progress", "completed" })
        {
            (await Client.SendAsync(Jambonz("/telephony/jambonz/status", Status(sid, status)))).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var loaded = await hosts.LoadCallAsync(call.Id);
        loaded.Status.ShouldBe(CallStatus.Completed);
        loaded.AnsweredAt.ShouldNotBeNull();
        loaded.EndedAt.ShouldNotBeNull();
        loaded.EndReason.ShouldBe("hangup");
    }

    [Fact]
    public async Task The_carriers_sip_status_reason_and_trunk_are_kept_on_the_call_and_shown_in_its_detail()
    {
        var (call, sid) = await SeedOutboundCallAsync();
        const string Busy = """{"call_sid":"SID","call_status":"busy","sip_status":486,"sip_reason":"Busy Here","originating_sip_trunk_name":"trunk-mumbai","direction":"outbound"}""";

        (await Client.SendAsync(Jambonz("/telephony/jambonz/status", Status(sid, "ringing")))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Client.SendAsync(Jambonz("/telephony/jambonz/status", Busy.Replace("SID", sid, StringComparison.Ordinal)))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var loaded = await hosts.LoadCallAsync(call.Id);
        using var carrier = JsonDocument.Parse(loaded.CarrierJson!);
        carrier.RootElement.GetProperty("sipStatus").GetInt32().ShouldBe(486);
        carrier.RootElement.GetProperty("sipReason").GetString().ShouldBe("Busy Here");
        carrier.RootElement.GetProperty("trunk").GetString().ShouldBe("trunk-mumbai");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("t=1,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("garbage")]
    public async Task Unsigned_or_forged_status_hook_is_401_and_changes_nothing(string? signature)
    {
        var (call, sid) = await SeedOutboundCallAsync();

        var response = await Client.SendAsync(Jambonz("/telephony/jambonz/status", Status(sid, "in-progress"), signature));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await hosts.LoadCallAsync(call.Id)).Status.ShouldBe(CallStatus.Queued);
    }

    [Fact]
    public async Task Stale_signature_is_401()
    {
        var (call, sid) = await SeedOutboundCallAsync();

        var response = await Client.SendAsync(Jambonz("/telephony/jambonz/status", Status(sid, "in-progress"), timestamp: DateTimeOffset.UtcNow.AddMinutes(-6).ToUnixTimeSeconds()));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await hosts.LoadCallAsync(call.Id)).Status.ShouldBe(CallStatus.Queued);
    }

    [Fact]
    public async Task Duplicate_leaves_no_entry_and_regression_leaves_status_ignored()
    {
        var (call, sid) = await SeedOutboundCallAsync();
        await Client.SendAsync(Jambonz("/telephony/jambonz/status", Status(sid, "in-progress")));
        var entriesAfterAnswer = (await hosts.LoadCallAsync(call.Id)).Events.Count;

        (await Client.SendAsync(Jambonz("/telephony/jambonz/status", Status(sid, "in-progress")))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await hosts.LoadCallAsync(call.Id)).Events.Count.ShouldBe(entriesAfterAnswer);

        (await Client.SendAsync(Jambonz("/telephony/jambonz/status", Status(sid, "ringing")))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var loaded = await hosts.LoadCallAsync(call.Id);
        loaded.Status.ShouldBe(CallStatus.InProgress);
        loaded.Events.Count(e => e.Kind == Call.StatusIgnoredEvent).ShouldBe(1);
    }

    [Fact]
    public async Task Status_for_an_unknown_call_is_still_200()
    {
        var response = await Client.SendAsync(Jambonz("/telephony/jambonz/status", Status("sid-nobody-knows", "completed")));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Call_hook_connects_our_call_to_the_realtime_host_with_a_verifiable_token()
    {
        var (call, sid) = await SeedOutboundCallAsync();
        var hook = $$$"""{"call_sid":"{{{sid}}}","direction":"outbound","from":"918000000001","to":"919800000002","call_status":"trying","customerData":{"invortoCallId":"{{{call.Id}}}"}}""";

        var response = await Client.SendAsync(Jambonz("/telephony/jambonz/call", hook));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var verbs = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        verbs.EnumerateArray().Select(v => v.GetProperty("verb").GetString()).ShouldBe(["config", "say", "listen", "hangup"]);
        verbs[1].GetProperty("text").GetString().ShouldBe("This call may be recorded.");
        var listen = verbs[2];
        listen.GetProperty("url").GetString().ShouldBe("wss://rt.example.com/realtime/jambonz");
        listen.GetProperty("bidirectionalAudio").GetProperty("streaming").GetBoolean().ShouldBeTrue();
        listen.GetProperty("actionHook").GetString().ShouldBe("/telephony/jambonz/listen-ended");
        var metadata = listen.GetProperty("metadata");
        metadata.GetProperty("invortoCallId").GetString().ShouldBe(call.Id.ToString());
        hosts.Telephony.App.Services.GetRequiredService<ListenToken>()
            .Verify(metadata.GetProperty("token").GetString(), call.Id, call.TenantId, call.AgentId).ShouldBeTrue();
        Encoding.UTF8.GetByteCount(metadata.GetRawText()).ShouldBeLessThan(8192);
    }

    [Fact]
    public async Task Call_hook_for_a_call_we_do_not_know_is_politely_refused()
    {
        var hook = """{"call_sid":"sid-x","direction":"inbound","from":"14155550100","to":"14155550101","call_status":"trying"}""";

        var response = await Client.SendAsync(Jambonz("/telephony/jambonz/call", hook));

        var verbs = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        verbs.EnumerateArray().Select(v => v.GetProperty("verb").GetString()).ShouldBe(["say", "hangup"]);
    }

    [Fact]
    public async Task Transfer_hook_dials_the_target_and_refuses_a_bad_number()
    {
        var ok = await Client.SendAsync(Jambonz("/telephony/jambonz/transfer?to=%2B14155550100&mode=blind", "{}"));
        var bad = await Client.SendAsync(Jambonz("/telephony/jambonz/transfer?to=nobody", "{}"));

        JsonDocument.Parse(await ok.Content.ReadAsStringAsync()).RootElement[0].GetProperty("target")[0].GetProperty("number").GetString().ShouldBe("+14155550100");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static HttpRequestMessage Twilio(string pathAndQuery, Dictionary<string, string> form, bool sign = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, pathAndQuery) { Content = new FormUrlEncodedContent(form) };
        if (sign)
        {
            var url = "https://hooks.example.com" + pathAndQuery;
            request.Headers.Add(TwilioSignature.HeaderName, TwilioSignature.Sign(HostsFixture.TwilioToken, url, form));
        }

        return request;
    }

    [Fact]
    public async Task Signed_twilio_status_is_applied_and_unsigned_is_401()
    {
        var (call, sid) = await SeedOutboundCallAsync("twilio");
        var form = new Dictionary<string, string> { ["CallSid"] = sid, ["CallStatus"] = "ringing" };

        (await Client.SendAsync(Twilio("/telephony/twilio/status", form, sign: false))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Client.SendAsync(Twilio("/telephony/twilio/status", form))).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await hosts.LoadCallAsync(call.Id)).Status.ShouldBe(CallStatus.Ringing);
    }

    [Fact]
    public async Task Twilio_voice_hook_answers_connect_stream_to_the_realtime_host()
    {
        var (call, sid) = await SeedOutboundCallAsync("twilio");
        var form = new Dictionary<string, string> { ["CallSid"] = sid, ["From"] = "+918000000001", ["To"] = "+919800000002", ["Direction"] = "outbound-api" };

        var response = await Client.SendAsync(Twilio($"/telephony/twilio/voice?invortoCallId={call.Id}", form));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var twiml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var stream = twiml.Root!.Element("Connect")!.Element("Stream")!;
        stream.Attribute("url")!.Value.ShouldBe("wss://rt.example.com/realtime/twilio");
        string Parameter(string name) => stream.Elements("Parameter").Single(p => p.Attribute("name")!.Value == name).Attribute("value")!.Value;
        Parameter("invortoCallId").ShouldBe(call.Id.ToString());
        Parameter("tenantId").ShouldBe(call.TenantId.ToString());
        Parameter("agentId").ShouldBe(call.AgentId.ToString());
        hosts.Realtime.App.Services.GetRequiredService<ListenToken>().Verify(Parameter("token"), call.Id, call.TenantId, call.AgentId).ShouldBeTrue();
    }

    [Fact]
    public async Task Twilio_hook_that_is_not_a_form_is_415()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/telephony/twilio/status") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };

        (await Client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
    }
}

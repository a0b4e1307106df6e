using Invorto.Application.Common;
using Invorto.Application.Telephony;
using Invorto.Domain.Telephony;
using Invorto.Infrastructure.Configuration;
using Invorto.Infrastructure.Telephony.Jambonz;
using Invorto.Testing.Jambonz;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Tests.Telephony;

public sealed class JambonzTelephonyProviderTests : IAsyncLifetime
{
    private FakeJambonzRestApi _jambonz = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _jambonz = await FakeJambonzRestApi.StartAsync();
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _jambonz.DisposeAsync();
    }

    private JambonzTelephonyProvider Provider(string? baseUrl = null, string? applicationSid = null) => new(
        _http,
        Options.Create(new JambonzOptions { ApiBaseUrl = baseUrl ?? _jambonz.BaseUrl.ToString(), AccountSid = "acc-1", ApiKey = "jz-key", ApplicationSid = applicationSid }),
        Options.Create(new PublicUrlsOptions { TelephonyWebhookBaseUrl = "https://api.example.com/telephony" }),
        NullLogger<JambonzTelephonyProvider>.Instance);

    private static PlaceCallRequest Request(Guid? campaignId = null) =>
        new(Guid.CreateVersion7(), Guid.NewGuid(), campaignId, PhoneNumber.Parse("+918000000001"), PhoneNumber.Parse("+919800000002"), TimeSpan.FromSeconds(30));

    [Fact]
    public async Task Create_call_posts_the_spec_body_with_the_bearer_key_and_returns_the_sid()
    {
        var request = Request(campaignId: Guid.NewGuid());

        var result = await Provider().PlaceCallAsync(request, CancellationToken.None);

        result.Value.ShouldStartWith("sid-");
        _jambonz.Requests.TryDequeue(out var sent).ShouldBeTrue();
        sent.Account.ShouldBe("acc-1");
        sent.Authorization.ShouldBe("Bearer jz-key");
        sent.Body["from"]!.GetValue<string>().ShouldBe("+918000000001");
        sent.Body["to"]!["type"]!.GetValue<string>().ShouldBe("phone");
        sent.Body["to"]!["number"]!.GetValue<string>().ShouldBe("+919800000002");
        sent.Body["timeout"]!.GetValue<int>().ShouldBe(30);
        sent.Body["call_hook"]!["url"]!.GetValue<string>().ShouldBe("https://api.example.com/telephony/jambonz/call");
        sent.Body["call_status_hook"]!["url"]!.GetValue<string>().ShouldBe("https://api.example.com/telephony/jambonz/status");
        sent.Body["tag"]!["invortoCallId"]!.GetValue<string>().ShouldBe(request.CallId.ToString());
        sent.Body["tag"]!["campaignId"]!.GetValue<string>().ShouldBe(request.CampaignId.ToString());
    }

    [Fact]
    public async Task Configured_application_replaces_the_call_hook()
    {
        await Provider(applicationSid: "app-9").PlaceCallAsync(Request(), CancellationToken.None);

        _jambonz.Requests.TryDequeue(out var sent).ShouldBeTrue();
        sent.Body["application_sid"]!.GetValue<string>().ShouldBe("app-9");
        sent.Body.ContainsKey("call_hook").ShouldBeFalse();
    }

    [Fact]
    public async Task No_feature_server_is_provider_unavailable()
    {
        _jambonz.NextStatus = 480;

        var result = await Provider().PlaceCallAsync(Request(), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.ProviderUnavailable);
    }

    [Fact]
    public async Task Unreachable_jambonz_is_provider_unavailable()
    {
        var result = await Provider(baseUrl: "http://127.0.0.1:1/").PlaceCallAsync(Request(), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.ProviderUnavailable);
    }

    [Fact]
    public async Task Hang_up_puts_completed_on_the_call()
    {
        var result = await Provider().HangUpAsync("sid-42", CancellationToken.None);

        result.IsSuccess.ShouldBeTrue();
        _jambonz.Requests.TryDequeue(out var sent).ShouldBeTrue();
        (sent.Method, sent.CallSid).ShouldBe(("PUT", "sid-42"));
        sent.Body["call_status"]!.GetValue<string>().ShouldBe("completed");
    }

    [Fact]
    public async Task Transfer_redirects_the_call_to_our_transfer_hook()
    {
        await Provider().TransferAsync("sid-42", PhoneNumber.Parse("+14155550100"), TransferMode.Attended, CancellationToken.None);

        _jambonz.Requests.TryDequeue(out var sent).ShouldBeTrue();
        sent.Body["call_hook"]!["url"]!.GetValue<string>().ShouldBe("https://api.example.com/telephony/jambonz/transfer?to=%2B14155550100&mode=attended");
    }

    [Fact]
    public async Task Dtmf_is_sent_one_digit_per_update()
    {
        await Provider().SendDtmfAsync("sid-42", "12#", CancellationToken.None);

        _jambonz.Requests.Select(r => r.Body["dtmf"]!["digit"]!.GetValue<string>()).ShouldBe(["1", "2", "#"]);
    }

    [Fact]
    public async Task Unconfigured_jambonz_is_provider_unavailable_without_a_request()
    {
        var provider = new JambonzTelephonyProvider(_http, Options.Create(new JambonzOptions()), Options.Create(new PublicUrlsOptions()), NullLogger<JambonzTelephonyProvider>.Instance);

        var result = await provider.PlaceCallAsync(Request(), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.ProviderUnavailable);
        _jambonz.Requests.ShouldBeEmpty();
    }
}

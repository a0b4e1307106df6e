using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Invorto.Application.Common;
using Invorto.Application.Telephony;
using Invorto.Domain.Telephony;
using Invorto.Infrastructure.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Telephony.Jambonz;

/// <summary>
/// Jambonz REST (spec §6): create calls and update them (hang up, redirect for transfers, DTMF).
/// Creating a call is never retried here: a retry after a lost response would dial the callee twice.
/// </summary>
public sealed partial class JambonzTelephonyProvider(
    HttpClient http,
    IOptions<JambonzOptions> jambonz,
    IOptions<PublicUrlsOptions> urls,
    ILogger<JambonzTelephonyProvider> logger) : ITelephonyProvider
{
    public const string ProviderName = "jambonz";

    /// <summary>Jambonz answers 480 when no feature server can take the call.</summary>
    private const int NoFeatureServer = 480;

    public string Name => ProviderName;

    public async Task<Result<string>> PlaceCallAsync(PlaceCallRequest request, CancellationToken cancellationToken)
    {
        var options = jambonz.Value;
        if (!options.IsConfigured)
        {
            return Error.ProviderUnavailable("Jambonz is not configured (JAMBONZ_API_BASE_URL).");
        }

        var hooks = urls.Value.TelephonyWebhookBaseUrl.TrimEnd('/');
        var tag = new JsonObject { ["invortoCallId"] = request.CallId.ToString(), ["tenantId"] = request.TenantId.ToString() };
        if (request.CampaignId is { } campaignId)
        {
            tag["campaignId"] = campaignId.ToString();
        }

        var body = new JsonObject
        {
            ["call_status_hook"] = Hook($"{hooks}/jambonz/status"),
            ["from"] = request.From.Value,
            ["to"] = new JsonObject { ["type"] = "phone", ["number"] = request.To.Value },
            ["timeout"] = (int)request.RingTimeout.TotalSeconds,
            ["tag"] = tag,
        };
        if (string.IsNullOrWhiteSpace(options.ApplicationSid))
        {
            body["call_hook"] = Hook($"{hooks}/jambonz/call");
        }
        else
        {
            body["application_sid"] = options.ApplicationSid;
        }

        var response = await SendAsync(HttpMethod.Post, $"v1/Accounts/{options.AccountSid}/Calls", body, cancellationToken);
        if (!response.IsSuccess)
        {
            return response.Error;
        }

        using var answer = response.Value;
        var created = await answer.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        return created?["sid"]?.GetValue<string>() is { Length: > 0 } sid
            ? sid
            : Error.ProviderUnavailable("Jambonz accepted the call but returned no sid.");
    }

    public Task<Result<bool>> HangUpAsync(string providerCallId, CancellationToken cancellationToken) =>
        UpdateAsync(providerCallId, new JsonObject { ["call_status"] = "completed" }, cancellationToken);

    public Task<Result<bool>> TransferAsync(string providerCallId, PhoneNumber target, TransferMode mode, CancellationToken cancellationToken)
    {
        var hooks = urls.Value.TelephonyWebhookBaseUrl.TrimEnd('/');
        var redirect = $"{hooks}/jambonz/transfer?to={Uri.EscapeDataString(target.Value)}&mode={mode.ToString().ToLowerInvariant()}";
        return UpdateAsync(providerCallId, new JsonObject { ["call_hook"] = Hook(redirect) }, cancellationToken);
    }

    public async Task<Result<bool>> SendDtmfAsync(string providerCallId, string digits, CancellationToken cancellationToken)
    {
        foreach (var digit in digits)
        {
            var sent = await UpdateAsync(providerCallId, new JsonObject { ["dtmf"] = new JsonObject { ["digit"] = digit.ToString(CultureInfo.InvariantCulture) } }, cancellationToken);
            if (!sent.IsSuccess)
            {
                return sent;
            }
        }

        return true;
    }

    private async Task<Result<bool>> UpdateAsync(string providerCallId, JsonObject body, CancellationToken cancellationToken)
    {
        var options = jambonz.Value;
        if (!options.IsConfigured)
        {
            return Error.ProviderUnavailable("Jambonz is not configured (JAMBONZ_API_BASE_URL).");
        }

        var response = await SendAsync(HttpMethod.Put, $"v1/Accounts/{options.AccountSid}/Calls/{Uri.EscapeDataString(providerCallId)}", body, cancellationToken);
        if (!response.IsSuccess)
        {
            return response.Error;
        }

        response.Value.Dispose();
        return true;
    }

    private async Task<Result<HttpResponseMessage>> SendAsync(HttpMethod method, string path, JsonObject body, CancellationToken cancellationToken)
    {
        var options = jambonz.Value;
        using var request = new HttpRequestMessage(method, new Uri(new Uri(options.ApiBaseUrl!.TrimEnd('/') + "/"), path))
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(logger, exception, method.Method, path);
            return Error.ProviderUnavailable("Jambonz did not answer.");
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        var status = (int)response.StatusCode;
        var detail = await response.Content.ReadAsStringAsync(cancellationToken);
        response.Dispose();
        LogRefused(logger, method.Method, path, status, detail.Length > 300 ? detail[..300] : detail);
        return ProviderResponseErrors.From("Jambonz", "the call", response.StatusCode, NoFeatureServer);
    }

    private static JsonObject Hook(string url) => new() { ["url"] = url, ["method"] = "POST" };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Jambonz unreachable on {Method} {Path}")]
    private static partial void LogUnreachable(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Jambonz refused {Method} {Path}: {Status} {Detail}")]
    private static partial void LogRefused(ILogger logger, string method, string path, int status, string detail);
}

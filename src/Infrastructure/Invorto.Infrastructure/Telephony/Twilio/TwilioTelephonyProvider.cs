using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Invorto.Application.Common;
using Invorto.Application.Telephony;
using Invorto.Domain.Telephony;
using Invorto.Infrastructure.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Telephony.Twilio;

/// <summary>Twilio's Calls REST API behind the same port as Jambonz (spec §6). Create is never retried.</summary>
public sealed partial class TwilioTelephonyProvider(
    HttpClient http,
    IOptions<TwilioOptions> twilio,
    IOptions<PublicUrlsOptions> urls,
    ILogger<TwilioTelephonyProvider> logger) : ITelephonyProvider
{
    public const string ProviderName = "twilio";

    private static readonly string[] StatusEvents = ["initiated", "ringing", "answered", "completed"];

    public string Name => ProviderName;

    public async Task<Result<string>> PlaceCallAsync(PlaceCallRequest request, CancellationToken cancellationToken)
    {
        var hooks = urls.Value.TelephonyWebhookBaseUrl.TrimEnd('/');
        var form = new List<KeyValuePair<string, string>>
        {
            new("To", request.To.Value),
            new("From", request.From.Value),
            new("Url", $"{hooks}/twilio/voice?invortoCallId={request.CallId}"),
            new("StatusCallback", $"{hooks}/twilio/status"),
            new("StatusCallbackMethod", "POST"),
            new("Timeout", ((int)request.RingTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        form.AddRange(StatusEvents.Select(e => new KeyValuePair<string, string>("StatusCallbackEvent", e)));

        var response = await SendAsync("Calls.json", form, cancellationToken);
        if (!response.IsSuccess)
        {
            return response.Error;
        }

        using var answer = response.Value;
        var created = await answer.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        return created?["sid"]?.GetValue<string>() is { Length: > 0 } sid ? sid : Error.ProviderUnavailable("Twilio returned no call sid.");
    }

    public Task<Result<bool>> HangUpAsync(string providerCallId, CancellationToken cancellationToken) =>
        UpdateAsync(providerCallId, [new("Status", "completed")], cancellationToken);

    public Task<Result<bool>> TransferAsync(string providerCallId, PhoneNumber target, TransferMode mode, CancellationToken cancellationToken) =>
        UpdateAsync(providerCallId, [new("Twiml", TwilioTwiml.Dial(target.Value))], cancellationToken);

    public Task<Result<bool>> SendDtmfAsync(string providerCallId, string digits, CancellationToken cancellationToken) =>
        // Replacing the TwiML to play digits would end the media stream, and with it the conversation.
        Task.FromResult(Result<bool>.Failure(Error.Conflict("Twilio cannot send DTMF into a call while its media stream is connected.")));

    private async Task<Result<bool>> UpdateAsync(string providerCallId, List<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        var response = await SendAsync($"Calls/{Uri.EscapeDataString(providerCallId)}.json", form, cancellationToken);
        if (!response.IsSuccess)
        {
            return response.Error;
        }

        response.Value.Dispose();
        return true;
    }

    private async Task<Result<HttpResponseMessage>> SendAsync(string path, List<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        var options = twilio.Value;
        if (!options.IsConfigured)
        {
            return Error.ProviderUnavailable("Twilio is not configured (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN).");
        }

        var url = new Uri($"{options.ApiBaseUrl.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(options.AccountSid!)}/{path}");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.AccountSid}:{options.AuthToken}")));

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(logger, exception, path);
            return Error.ProviderUnavailable("Twilio did not answer.");
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        var status = response.StatusCode;
        response.Dispose();
        LogRefused(logger, path, (int)status);
        return ProviderResponseErrors.From("Twilio", "the request", status);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio unreachable on {Path}")]
    private static partial void LogUnreachable(ILogger logger, Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio refused {Path}: {Status}")]
    private static partial void LogRefused(ILogger logger, string path, int status);
}

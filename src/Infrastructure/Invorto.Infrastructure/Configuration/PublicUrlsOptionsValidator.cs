using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Configuration;

internal sealed class PublicUrlsOptionsValidator : IValidateOptions<PublicUrlsOptions>
{
    public ValidateOptionsResult Validate(string? name, PublicUrlsOptions options)
    {
        var check = new OptionsValidationBuilder();
        check.RequireAbsoluteUrl("PUBLIC_BASE_URL", options.PublicBaseUrl, "http", "https");
        check.RequireAbsoluteUrl("API_BASE_URL", options.ApiBaseUrl, "http", "https");
        check.RequireAbsoluteUrl("REALTIME_WS_URL", options.RealtimeWsUrl, "ws", "wss");
        check.RequireAbsoluteUrl("WEBHOOK_BASE_URL", options.WebhookBaseUrl, "http", "https");
        check.RequireAbsoluteUrl("TELEPHONY_WEBHOOK_BASE_URL", options.TelephonyWebhookBaseUrl, "http", "https");
        return check.ToResult();
    }
}

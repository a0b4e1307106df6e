using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Configuration;

internal sealed class ProviderOptionsValidator : IValidateOptions<JambonzOptions>, IValidateOptions<TwilioOptions>, IValidateOptions<RealtimeOptions>
{
    public ValidateOptionsResult Validate(string? name, JambonzOptions options)
    {
        var check = new OptionsValidationBuilder();
        check.RequireAbsoluteUrl("JAMBONZ_API_BASE_URL", options.ApiBaseUrl, "http", "https");
        if (options.IsConfigured)
        {
            if (string.IsNullOrWhiteSpace(options.AccountSid))
            {
                check.Fail("JAMBONZ_ACCOUNT_SID", "is required when JAMBONZ_API_BASE_URL is set.");
            }

            if (string.IsNullOrWhiteSpace(options.ApiKey))
            {
                check.Fail("JAMBONZ_API_KEY", "is required when JAMBONZ_API_BASE_URL is set.");
            }
        }

        return check.ToResult();
    }

    public ValidateOptionsResult Validate(string? name, TwilioOptions options)
    {
        var check = new OptionsValidationBuilder();
        if (string.IsNullOrWhiteSpace(options.AccountSid) != string.IsNullOrWhiteSpace(options.AuthToken))
        {
            check.Fail("TWILIO_AUTH_TOKEN", "TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are set together or not at all.");
        }

        return check.ToResult();
    }

    public ValidateOptionsResult Validate(string? name, RealtimeOptions options)
    {
        var check = new OptionsValidationBuilder();
        if (options.WsSecret is { } secret && secret.Length < RealtimeOptions.MinSecretLength)
        {
            check.Fail("REALTIME_WS_SECRET", $"must be at least {RealtimeOptions.MinSecretLength} characters.");
        }

        if (options.ApiKey is { Length: > 0 and < 16 })
        {
            check.Fail("REALTIME_API_KEY", "must be at least 16 characters.");
        }

        check.RequireRange("REALTIME_CONNECTS_PER_SEC", options.ConnectsPerSecond, 1, 10_000);
        check.RequireRange("REALTIME_CANARY_BARGEIN_MIN_SPEECH_MS", options.CanaryBargeInMinSpeechMs, 0, 5_000);
        check.RequireRange("REALTIME_CANARY_BARGEIN_MIN_WORDS", options.CanaryBargeInMinWords, 0, 20);
        return check.ToResult();
    }
}

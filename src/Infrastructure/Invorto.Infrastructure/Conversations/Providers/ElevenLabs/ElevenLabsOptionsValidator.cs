using Invorto.Infrastructure.Configuration;
using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Conversations.Providers.ElevenLabs;

internal sealed class ElevenLabsOptionsValidator : IValidateOptions<ElevenLabsOptions>
{
    public ValidateOptionsResult Validate(string? name, ElevenLabsOptions options)
    {
        var check = new OptionsValidationBuilder();
        if (string.IsNullOrWhiteSpace(options.BaseUrl))
        {
            check.Fail("ELEVENLABS_BASE_URL", "must be an absolute http or https URL (was empty).");
        }

        check.RequireAbsoluteUrl("ELEVENLABS_BASE_URL", options.BaseUrl, "http", "https");
        if (string.IsNullOrWhiteSpace(options.ModelId))
        {
            check.Fail("ELEVENLABS_MODEL_ID", "must name a model, e.g. eleven_flash_v2_5.");
        }

        if (!string.IsNullOrWhiteSpace(options.ApiKey) && options.ApiKey.Any(char.IsWhiteSpace))
        {
            check.Fail("ELEVENLABS_API_KEY", "must not contain whitespace.");
        }

        check.RequireRange("ELEVENLABS_FIRST_BYTE_TIMEOUT_MS", options.FirstByteTimeoutMs, 100, 60_000);
        return check.ToResult();
    }
}

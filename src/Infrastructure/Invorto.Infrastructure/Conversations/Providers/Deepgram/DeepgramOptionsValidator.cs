using Invorto.Infrastructure.Configuration;
using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Conversations.Providers.Deepgram;

internal sealed class DeepgramOptionsValidator : IValidateOptions<DeepgramOptions>
{
    public ValidateOptionsResult Validate(string? name, DeepgramOptions options)
    {
        var check = new OptionsValidationBuilder();
        if (string.IsNullOrWhiteSpace(options.BaseUrl))
        {
            check.Fail("DEEPGRAM_BASE_URL", "must not be empty (the default is " + DeepgramOptions.DefaultBaseUrl + ").");
        }
        else
        {
            check.RequireAbsoluteUrl("DEEPGRAM_BASE_URL", options.BaseUrl, "wss", "ws", "https", "http");
        }

        if (options.ApiKey is { Length: > 0 } key && key.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            check.Fail("DEEPGRAM_API_KEY", "must not contain spaces or control characters.");
        }

        return check.ToResult();
    }
}

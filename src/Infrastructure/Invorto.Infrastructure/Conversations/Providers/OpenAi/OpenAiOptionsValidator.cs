using Invorto.Infrastructure.Configuration;
using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Conversations.Providers.OpenAi;

internal sealed class OpenAiOptionsValidator : IValidateOptions<OpenAiOptions>
{
    public ValidateOptionsResult Validate(string? name, OpenAiOptions options)
    {
        var check = new OptionsValidationBuilder();
        check.RequireAbsoluteUrl("OPENAI_BASE_URL", options.BaseUrl, "http", "https");
        check.RequireRange("OPENAI_LLM_FIRST_TOKEN_TIMEOUT_MS", options.FirstTokenTimeoutMs, 100, 120_000);
        check.RequireRange("OPENAI_LLM_IDLE_TIMEOUT_MS", options.IdleTimeoutMs, 100, 300_000);
        return check.ToResult();
    }
}

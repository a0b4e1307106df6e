using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Configuration;

internal sealed class ApiRateLimitOptionsValidator : IValidateOptions<ApiRateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiRateLimitOptions options)
    {
        var check = new OptionsValidationBuilder();
        check.RequireRange("API_RATE_LIMIT_PER_MIN", options.PerMinute, 1, ApiRateLimitOptions.Maximum);
        return check.ToResult();
    }
}

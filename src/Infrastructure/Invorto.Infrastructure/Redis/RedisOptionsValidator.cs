using Invorto.Infrastructure.Configuration;
using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Redis;

internal sealed class RedisOptionsValidator : IValidateOptions<RedisOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisOptions options)
    {
        var check = new OptionsValidationBuilder();
        if (options.IsConfigured)
        {
            try
            {
                RedisConnectionOptions.FromRedisUrl(options.RedisUrl!);
            }
            catch (Exception exception) when (exception is FormatException or ArgumentException)
            {
                check.Fail("REDIS_URL", $"is neither a redis:// URL nor a StackExchange.Redis configuration string ({exception.Message}).");
            }
        }

        return check.ToResult();
    }
}

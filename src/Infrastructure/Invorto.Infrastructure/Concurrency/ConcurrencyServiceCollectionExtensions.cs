using Invorto.Application.Abstractions;
using Invorto.Domain.Concurrency;
using Invorto.Infrastructure.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Invorto.Infrastructure.Concurrency;

public static class ConcurrencyServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IConcurrencyLimiter"/> as a singleton: <see cref="RedisConcurrencyLimiter"/> over the
    /// container's <see cref="IConnectionMultiplexer"/> when <paramref name="useRedis"/>, otherwise the embedded
    /// mode's <see cref="InProcessConcurrencyLimiter"/>; plus the <see cref="ConcurrencyPolicy"/> built from
    /// <see cref="ConcurrencyOptions"/> (bound by the caller, validated at start-up) and the limiter's metrics.
    /// A limiter registered before this call wins, so a launcher can share one instance between hosts.
    /// </summary>
    public static IServiceCollection AddConcurrencyLimiter(
        this IServiceCollection services,
        bool useRedis,
        string keyPrefix = RedisConcurrencyLimiter.DefaultKeyPrefix)
    {
        services.AddOptions<ConcurrencyOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConcurrencyOptions>, ConcurrencyOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ConcurrencyMetrics>();
        services.TryAddSingleton(provider => PolicyFrom(provider.GetRequiredService<IOptions<ConcurrencyOptions>>().Value));

        if (useRedis)
        {
            services.TryAddSingleton<IConcurrencyLimiter>(provider => new RedisConcurrencyLimiter(
                provider.GetRequiredService<IConnectionMultiplexer>(),
                provider.GetRequiredService<ConcurrencyPolicy>(),
                provider.GetRequiredService<ConcurrencyMetrics>(),
                provider.GetRequiredService<ILogger<RedisConcurrencyLimiter>>(),
                keyPrefix));
        }
        else
        {
            services.TryAddSingleton<IConcurrencyLimiter>(provider => new InProcessConcurrencyLimiter(
                provider.GetRequiredService<ConcurrencyPolicy>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ConcurrencyMetrics>()));
        }

        return services;
    }

    // No per-tenant default: the runbook has no such variable, so tenants are capped only by a limit on their request.
    private static ConcurrencyPolicy PolicyFrom(ConcurrencyOptions options) =>
        new(options.GlobalMaxConcurrency, options.PerCampaignMaxConcurrency, TimeSpan.FromSeconds(options.SemaphoreTtlSec));
}

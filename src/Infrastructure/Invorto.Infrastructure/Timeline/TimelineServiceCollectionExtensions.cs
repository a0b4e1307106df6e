using Invorto.Application.Conversations;
using Invorto.Infrastructure.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Invorto.Infrastructure.Timeline;

public static class TimelineServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ICallTimeline"/> (with its <see cref="TimelineQueue"/> and the <see cref="TimelineWriter"/> that drains it)
    /// and <see cref="ISessionHeartbeat"/>: on Redis when <paramref name="useRedis"/>, otherwise on the in-process substitutes
    /// that <paramref name="embedded"/> shares between the services of the process.
    /// </summary>
    public static IServiceCollection AddCallTimeline(this IServiceCollection services, bool useRedis, EmbeddedServices embedded)
    {
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TimelineMetrics>();
        services.TryAddSingleton(new TimelineWriterSettings());
        services.TryAddSingleton(provider => new TimelineQueue(provider.GetRequiredService<TimelineMetrics>()));

        if (useRedis)
        {
            services.TryAddSingleton(provider => new RedisCallTimeline(provider.GetRequiredService<TimelineQueue>(), provider.GetRequiredService<IConnectionMultiplexer>()));
            services.TryAddSingleton<ICallTimeline>(provider => provider.GetRequiredService<RedisCallTimeline>());
            services.TryAddSingleton<ICallTimelineStream>(provider => provider.GetRequiredService<RedisCallTimeline>());
            services.TryAddSingleton<ISessionHeartbeat>(provider => new RedisSessionHeartbeat(
                provider.GetRequiredService<IConnectionMultiplexer>(),
                provider.GetRequiredService<ILogger<RedisSessionHeartbeat>>()));
            services.TryAddSingleton<ICallEndedFeed, RedisCallEndedFeed>();
        }
        else
        {
            services.TryAddSingleton(provider => new InProcessCallTimeline(
                provider.GetRequiredService<TimelineQueue>(),
                embedded.TimelineStreams(() => new InProcessTimelineStreams(provider.GetRequiredService<TimeProvider>()))));
            services.TryAddSingleton<ICallTimeline>(provider => provider.GetRequiredService<InProcessCallTimeline>());
            services.TryAddSingleton<ICallTimelineStream>(provider => provider.GetRequiredService<InProcessCallTimeline>());
            services.TryAddSingleton<ISessionHeartbeat>(provider => embedded.SessionHeartbeat(() => new InProcessSessionHeartbeat(provider.GetRequiredService<TimeProvider>())));
            services.TryAddSingleton<ICallEndedFeed>(_ => embedded.CallEndedFeed());
        }

        services.AddHostedService<TimelineWriter>();
        return services;
    }
}

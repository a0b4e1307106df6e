using Invorto.Application.Abstractions;
using Invorto.Application.Abstractions.Idempotency;
using Invorto.Application.Agents.Configuration;
using Invorto.Application.Agents.ListAgents;
using Invorto.Application.Calls;
using Invorto.Application.Calls.Costs;
using Invorto.Application.Calls.SpendCap;
using Invorto.Application.Conversations;
using Invorto.Application.Conversations.Engine;
using Invorto.Application.Conversations.Providers;
using Invorto.Application.Telephony;
using Invorto.Application.Tools;
using Invorto.Domain.Calls;
using Invorto.Domain.Concurrency;
using Invorto.Infrastructure.ApiKeys;
using Invorto.Infrastructure.Artifacts;
using Invorto.Infrastructure.Billing;
using Invorto.Infrastructure.Concurrency;
using Invorto.Infrastructure.Configuration;
using Invorto.Infrastructure.Conversations;
using Invorto.Infrastructure.Conversations.Pacing;
using Invorto.Infrastructure.Conversations.Providers;
using Invorto.Infrastructure.Conversations.Providers.Deepgram;
using Invorto.Infrastructure.Conversations.Providers.ElevenLabs;
using Invorto.Infrastructure.Conversations.Providers.OpenAi;
using Invorto.Infrastructure.Conversations.Providers.OpenAiAudio;
using Invorto.Infrastructure.Conversations.Providers.PocketSphinx;
using Invorto.Infrastructure.Conversations.Providers.Synthesis;
using Invorto.Infrastructure.Conversations.Resilience;
using Invorto.Infrastructure.Conversations.Scripted;
using Invorto.Infrastructure.Conversations.Selection;
using Invorto.Infrastructure.DomainEvents;
using Invorto.Infrastructure.Jobs;
using Invorto.Infrastructure.Persistence;
using Invorto.Infrastructure.Persistence.Idempotency;
using Invorto.Infrastructure.Persistence.Postgres;
using Invorto.Infrastructure.Persistence.Queries;
using Invorto.Infrastructure.Persistence.Sqlite;
using Invorto.Infrastructure.Realtime;
using Invorto.Infrastructure.Redis;
using Invorto.Infrastructure.Security;
using Invorto.Infrastructure.Sessions;
using Invorto.Infrastructure.Telephony.Jambonz;
using Invorto.Infrastructure.Telephony.Twilio;
using Invorto.Infrastructure.Timeline;
using Invorto.Infrastructure.Tools;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Invorto.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, EmbeddedServices embedded)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(embedded);
        services.AddSingleton<IIdGenerator, SequentialIdGenerator>();
        services.AddSingleton(new ApiKeyEnvironment(configuration["INVORTO_KEY_ENV"] ?? "live"));
        services.AddSingleton<ICursorProtector, HmacCursorProtector>();

        services.AddValidatedOptions<DatabaseOptions, DatabaseOptionsValidator>(configuration);
        services.AddValidatedOptions<RedisOptions, RedisOptionsValidator>(configuration);
        services.AddValidatedOptions<ConcurrencyOptions, ConcurrencyOptionsValidator>(configuration);
        services.AddValidatedOptions<PublicUrlsOptions, PublicUrlsOptionsValidator>(configuration);
        services.AddValidatedOptions<RealtimeOptions, ProviderOptionsValidator>(configuration);
        services.AddSingleton(provider =>
        {
            var realtime = provider.GetRequiredService<IOptions<RealtimeOptions>>().Value;
            return new CanarySettings(new BargeInSettings { MinSpeechMs = realtime.CanaryBargeInMinSpeechMs, MinWords = realtime.CanaryBargeInMinWords });
        });
        services.AddValidatedOptions<JambonzOptions, ProviderOptionsValidator>(configuration);
        services.AddValidatedOptions<TwilioOptions, ProviderOptionsValidator>(configuration);
        services.AddValidatedOptions<ApiRateLimitOptions, ApiRateLimitOptionsValidator>(configuration);

        var database = configuration.Get<DatabaseOptions>() ?? new DatabaseOptions();
        var redis = configuration.Get<RedisOptions>() ?? new RedisOptions();

        services.AddPersistence(database);
        services.AddRedis(redis);
        services.AddInvortoJobStorage(database, embedded);
        services.AddTelephonyProviders();
        services.AddConversationProviders(configuration);
        services.AddCallAdmission(configuration, redis, embedded);
        services.AddCallTimeline(useRedis: redis.IsConfigured, embedded);
        services.AddTenantApiSupport(configuration);
        Secrets.SecretsRegistration.AddTenantSecrets(services, configuration);
        return services;
    }

    private static void AddPersistence(this IServiceCollection services, DatabaseOptions database)
    {
        if (database.UsesPostgres)
        {
            // A malformed DB_URL is reported by DatabaseOptionsValidator at start-up, before any context is built.
            services.AddDbContext<InvortoDbContext, PostgresInvortoDbContext>((provider, options) => options
                .UseInvortoPostgres(database.DbUrl!)
                .AddInterceptors(provider.GetRequiredService<DispatchDomainEventsInterceptor>()));
        }
        else
        {
            var directory = Directory.CreateDirectory(Path.GetFullPath(database.DataDir));
            var file = Path.Combine(directory.FullName, "invorto.db");
            services.AddDbContext<InvortoDbContext, SqliteInvortoDbContext>((provider, options) => options
                .UseInvortoSqlite($"Data Source={file};Default Timeout=30")
                .AddInterceptors(provider.GetRequiredService<DispatchDomainEventsInterceptor>()));
        }

        services.AddScoped<IDomainEventDispatcher, DomainEventDispatcher>();
        services.AddScoped<DispatchDomainEventsInterceptor>();
        services.AddScoped(typeof(IRepository<>), typeof(EfRepository<>));
        services.AddScoped(typeof(IReadRepository<>), typeof(EfReadRepository<>));
        services.AddScoped<IUnitOfWork, EfUnitOfWork>();
        services.AddScoped<IAgentQueries, EfAgentQueries>();
        services.AddScoped<ICallsQueries, EfCallsQueries>();
        services.AddScoped<IIdempotencyStore, EfIdempotencyStore>();
        services.AddSingleton<DatabaseMigrator>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [HealthTags.Ready]);
    }

    private static void AddCallAdmission(this IServiceCollection services, IConfiguration configuration, RedisOptions redis, EmbeddedServices embedded)
    {
        if (!redis.IsConfigured)
        {
            // Registered before AddConcurrencyLimiter, so it wins: the services of one process share one in-process limiter.
            services.AddSingleton<IConcurrencyLimiter>(provider => embedded.ConcurrencyLimiter(() => new InProcessConcurrencyLimiter(
                provider.GetRequiredService<ConcurrencyPolicy>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ConcurrencyMetrics>())));
        }

        services.AddConcurrencyLimiter(useRedis: redis.IsConfigured);
        services.AddSingleton(provider => new CallAdmissionLimits(
            provider.GetRequiredService<IOptions<ConcurrencyOptions>>().Value.MaxConcurrentCalls,
            TimeSpan.FromSeconds(30)));
        services.AddSingleton(new DefaultTelephonyProvider(configuration["TELEPHONY_DEFAULT_PROVIDER"] ?? JambonzTelephonyProvider.ProviderName));
        services.AddScoped<IDomainEventHandler<CallEnded>, ConcurrencySlotReleaser>();
        services.AddScoped<IDomainEventHandler<CallEnded>, CallEndedBroadcaster>();
    }

    private static void AddConversationProviders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ScriptedProviderOptions, ScriptedProviderOptionsValidator>(configuration);
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<ScriptedProviderOptions>>().Value);
        services.AddSingleton<ScriptedProviderCounters>();
        services.AddOptions<ConversationProviderSelection>().Bind(configuration).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConversationProviderSelection>, ConversationProviderSelectionValidator>());
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<ConversationProviderSelection>>().Value);
        services.AddOpenAiProviders(configuration);
        services.AddDeepgramProviders(configuration);
        services.AddOpenAiTranscription();
        services.AddElevenLabsProviders(configuration);
        services.AddSpeechSynthesisHttpClient(AuraSpeechSynthesizer.HttpClientName);
        services.AddSpeechSynthesisHttpClient(OpenAiSpeechSynthesizer.HttpClientName);
        services.AddAgentEndpointHttpClient(OpenAiLanguageModel.HttpClientName);
        services.AddAgentEndpointHttpClient(OpenAiSpeechSynthesizer.HttpClientName);
        services.AddAgentEndpointHttpClient(OpenAiTranscriptionRecognizerFactory.HttpClientName, OpenAiTranscriptionRecognizerFactory.Timeout);
        services.AddPocketSphinx(configuration);
        services.AddToolExecution();
        services.AddSingleton(new ProviderResilienceOptions());
        services.AddSingleton<ProviderCircuits>();
        services.AddSingleton<TenantProviderKeys>();
        services.AddSingleton<AgentEndpointRules>();
        services.AddSingleton<SynthesizerChainBuilder>();
        services.AddSingleton<RecognizerChainBuilder>();
        services.AddSingleton<LanguageModelChainBuilder>();
        services.AddSingleton<IConversationProviderFactory, ConversationProviderFactory>();
        services.AddSingleton<IPacerClock, MonotonicPacerClock>();
    }

    private static void AddTenantApiSupport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SpendCapOptions, SpendCapOptionsValidator>(configuration);
        services.AddValidatedOptions<CostRateOptions, CostRateOptionsValidator>(configuration);
        services.AddSingleton(provider =>
        {
            CostRatesReader.TryRead(provider.GetRequiredService<IOptions<CostRateOptions>>().Value, out var rates, out _);
            return rates;
        });
        services.AddOptions<ArtifactsOptions>().Bind(configuration);
        services.AddSingleton<SpendCapMetrics>();
        services.AddSingleton(provider => new SpendCapDefaults(provider.GetRequiredService<IOptions<SpendCapOptions>>().Value.DailySpendCapInr));
        services.AddScoped<ISpendLedger, EfSpendLedger>();
        services.AddScoped<ITenantLock, EfTenantLock>();
        services.AddSingleton<IArtifactStore, FileSystemArtifactStore>();
        services.AddSingleton<IArtifactLinks, HmacArtifactLinks>();
        services.AddSingleton(new ToolTargetSettings(configuration.GetValue<bool>("WEBHOOK_ALLOW_PRIVATE_TARGETS")));
        services.AddSingleton<ApiKeyUsageTracker>();
        services.AddSingleton<IApiKeyUsage>(provider => provider.GetRequiredService<ApiKeyUsageTracker>());
        services.AddHostedService(provider => provider.GetRequiredService<ApiKeyUsageTracker>());
    }

    private static void AddTelephonyProviders(this IServiceCollection services)
    {
        services.AddSingleton<RealtimeSigningKey>();
        services.AddSingleton<ListenToken>();
        services.AddSingleton<RealtimeTokenIssuer>();
        services.AddSingleton<RealtimeTokenValidator>();
        services.AddHttpClient<JambonzTelephonyProvider>(client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddHttpClient<TwilioTelephonyProvider>(client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddTransient<ITelephonyProvider>(provider => provider.GetRequiredService<JambonzTelephonyProvider>());
        services.AddTransient<ITelephonyProvider>(provider => provider.GetRequiredService<TwilioTelephonyProvider>());
    }

    private static void AddRedis(this IServiceCollection services, RedisOptions redis)
    {
        if (!redis.IsConfigured)
        {
            return;
        }

        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(RedisConnectionOptions.FromRedisUrl(redis.RedisUrl!)));
        services.AddSingleton<RedisRequestCounter>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [HealthTags.Ready]);
    }

    private static void AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
    }
}

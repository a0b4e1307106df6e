using Invorto.Infrastructure.Concurrency;
using Invorto.Infrastructure.Configuration;
using Invorto.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Tests.Configuration;

public sealed class OptionsValidationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> environment)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(environment).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddInfrastructure(configuration, new EmbeddedServices());
        return services.BuildServiceProvider();
    }

    private static string FailureOf<TOptions>(Dictionary<string, string?> environment)
        where TOptions : class =>
        Should.Throw<Exception>(() => Build(environment).GetRequiredService<IOptions<TOptions>>().Value).Message;

    [Fact]
    public void Defaults_are_the_runbook_values()
    {
        var options = Build([]).GetRequiredService<IOptions<ConcurrencyOptions>>().Value;

        (options.GlobalMaxConcurrency, options.PerCampaignMaxConcurrency, options.SemaphoreTtlSec, options.MaxConcurrentCalls)
            .ShouldBe((10_000, 100, 600, 200));
    }

    [Fact]
    public void Environment_names_bind_to_options()
    {
        var options = Build(new() { ["TELEPHONY_GLOBAL_MAX_CONCURRENCY"] = "50", ["MAX_CONCURRENT_CALLS"] = "7" })
            .GetRequiredService<IOptions<ConcurrencyOptions>>().Value;

        (options.GlobalMaxConcurrency, options.MaxConcurrentCalls).ShouldBe((50, 7));
    }

    [Theory]
    [InlineData("TELEPHONY_GLOBAL_MAX_CONCURRENCY", "0")]
    [InlineData("TELEPHONY_PER_CAMPAIGN_MAX_CONCURRENCY", "-5")]
    [InlineData("TELEPHONY_SEMAPHORE_TTL_SEC", "1")]
    [InlineData("MAX_CONCURRENT_CALLS", "abc")]
    public void Bad_concurrency_value_fails_naming_the_variable(string variable, string value)
    {
        FailureOf<ConcurrencyOptions>(new() { [variable] = value }).ShouldContain(variable);
    }

    [Theory]
    [InlineData("REALTIME_WS_URL", "http://not-a-websocket")]
    [InlineData("PUBLIC_BASE_URL", "nope")]
    public void Bad_public_url_fails_naming_the_variable(string variable, string value)
    {
        FailureOf<PublicUrlsOptions>(new() { [variable] = value }).ShouldContain(variable);
    }

    [Fact]
    public void Bad_db_url_fails_naming_the_variable()
    {
        FailureOf<DatabaseOptions>(new() { ["DB_URL"] = "postgres://" }).ShouldContain("DB_URL");
    }

    [Fact]
    public void Jambonz_base_url_without_credentials_fails_naming_them()
    {
        var message = FailureOf<JambonzOptions>(new() { ["JAMBONZ_API_BASE_URL"] = "https://jambonz.example.com" });

        message.ShouldContain("JAMBONZ_ACCOUNT_SID");
        message.ShouldContain("JAMBONZ_API_KEY");
    }

    [Fact]
    public void Short_realtime_secret_fails_naming_the_variable()
    {
        FailureOf<RealtimeOptions>(new() { ["REALTIME_WS_SECRET"] = "short" }).ShouldContain("REALTIME_WS_SECRET");
    }

    [Fact]
    public void Embedded_mode_migrates_on_start_unless_told_otherwise()
    {
        Build([]).GetRequiredService<IOptions<DatabaseOptions>>().Value.ShouldMigrateOnStart.ShouldBeTrue();
        Build(new() { ["DB_URL"] = "postgres://u:p@localhost/db" }).GetRequiredService<IOptions<DatabaseOptions>>().Value.ShouldMigrateOnStart.ShouldBeFalse();
        Build(new() { ["DB_URL"] = "postgres://u:p@localhost/db", ["MIGRATE_ON_START"] = "true" }).GetRequiredService<IOptions<DatabaseOptions>>().Value.ShouldMigrateOnStart.ShouldBeTrue();
    }

    [Fact]
    public void Api_rate_limit_defaults_to_60_per_minute_and_binds_its_variable()
    {
        Build([]).GetRequiredService<IOptions<ApiRateLimitOptions>>().Value.PerMinute.ShouldBe(60);
        Build(new() { ["API_RATE_LIMIT_PER_MIN"] = "5" }).GetRequiredService<IOptions<ApiRateLimitOptions>>().Value.PerMinute.ShouldBe(5);
    }

    [Fact]
    public void A_rate_limit_below_one_is_reported_by_its_variable_name()
    {
        FailureOf<ApiRateLimitOptions>(new() { ["API_RATE_LIMIT_PER_MIN"] = "0" }).ShouldContain("API_RATE_LIMIT_PER_MIN");
    }
}

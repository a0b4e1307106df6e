using Invorto.Api;
using Invorto.Telephony;
using Microsoft.Extensions.Options;

namespace Invorto.Hosts.Tests;

public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("TELEPHONY_GLOBAL_MAX_CONCURRENCY", "abc")]
    [InlineData("MAX_CONCURRENT_CALLS", "0")]
    [InlineData("REALTIME_WS_URL", "https://not-a-socket")]
    [InlineData("DB_URL", "postgres://")]
    public async Task Bad_configuration_stops_the_host_naming_the_variable(string variable, string value)
    {
        var failure = await Should.ThrowAsync<Exception>(() => TestHost.StartAsync(
            (b, e) => b.AddTelephonyService(e),
            a => a.MapTelephonyService(),
            new Dictionary<string, string?> { [variable] = value, ["DB_URL"] = variable == "DB_URL" ? value : null, ["REDIS_URL"] = null, ["INVORTO_DATA_DIR"] = Path.GetTempPath() }));

        failure.Message.ShouldContain(variable);
        (failure is OptionsValidationException or InvalidOperationException).ShouldBeTrue(failure.GetType().Name);
    }

    [Fact]
    public async Task Production_host_without_redis_refuses_to_start()
    {
        var failure = await Should.ThrowAsync<InvalidOperationException>(() => TestHost.StartAsync(
            (b, e) => b.AddApiService(e),
            a => a.MapApiService(),
            new Dictionary<string, string?> { ["DB_URL"] = null, ["REDIS_URL"] = null, ["INVORTO_DATA_DIR"] = Path.GetTempPath(), ["MIGRATE_ON_START"] = "false" },
            environmentName: "Production"));

        failure.Message.ShouldContain("REDIS_URL");
    }
}

using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Invorto.Testing;

namespace Invorto.Hosts.Tests;

[Collection(HostsCollection.Name)]
public sealed partial class ServiceDefaultsTests(HostsFixture hosts)
{
    public static TheoryData<string> Services() => new() { "api", "realtime", "webhooks", "telephony" };

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Liveness_answers_ok_without_asking_dependencies(string service)
    {
        var response = await hosts.Host(service).Client.GetAsync("/health");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("""{"status":"ok"}""");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Readiness_checks_postgres_and_redis(string service)
    {
        var response = await hosts.Host(service).Client.GetAsync("/health/ready");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = body.RootElement.GetProperty("checks");
        checks.GetProperty("database").GetProperty("description").GetString().ShouldBe("Npgsql.EntityFrameworkCore.PostgreSQL");
        checks.GetProperty("redis").GetProperty("status").GetString().ShouldBe("healthy");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Metrics_are_prometheus_text_with_request_durations_of_the_service(string service)
    {
        var client = hosts.Host(service).Client;

        // A request's duration is recorded when the server finishes it, which may be just after the client has the response,
        // so each probe asks for /health again and then scrapes until the duration histogram carries the route.
        var (mediaType, text) = await Eventually.ReturnsAsync(
            async () =>
            {
                await client.GetAsync("/health");
                using var scrape = await client.GetAsync("/metrics");
                return new MetricsScrape(scrape.Content.Headers.ContentType?.MediaType, await scrape.Content.ReadAsStringAsync());
            },
            scrape => HealthDuration().IsMatch(scrape.Text),
            TimeSpan.FromSeconds(10));

        mediaType.ShouldBe("text/plain");
        text.ShouldContain("# TYPE http_server_request_duration_seconds histogram");
        HealthDuration().IsMatch(text).ShouldBeTrue("the /health request's duration is in the histogram");
        text.ShouldContain($"service_name=\"invorto-{service}\"");
    }

    [Fact]
    public async Task Correlation_id_from_the_caller_is_echoed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("X-Request-Id", "req-123.abc");

        var response = await hosts.Api.Client.SendAsync(request);

        response.Headers.GetValues("X-Request-Id").ShouldBe(["req-123.abc"]);
    }

    [Fact]
    public async Task Unsafe_correlation_id_is_replaced()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("X-Request-Id", "evil\"value with spaces");

        var response = await hosts.Api.Client.SendAsync(request);

        response.Headers.GetValues("X-Request-Id").Single().ShouldNotContain(" ");
    }

    [Fact]
    public async Task Unknown_route_is_a_not_found_problem()
    {
        var response = await hosts.Api.Client.GetAsync("/v1/nothing-here");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("code").GetString().ShouldBe("not_found");
    }

    [Fact]
    public async Task Platform_meters_are_exported_with_the_invorto_prefix()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/agents/00000000-0000-0000-0000-000000000001");
        request.Headers.Add("X-API-Key", "inv_live_not-a-key");
        await hosts.Api.Client.SendAsync(request);

        var text = await hosts.Api.Client.GetStringAsync("/metrics");

        text.ShouldMatch("invorto_api_key_authentications_total\\{[^}]*outcome=\"rejected\"[^}]*\\} [1-9]");
    }

    private sealed record MetricsScrape(string? MediaType, string Text)
    {
        public override string ToString() =>
            string.Join('\n', Text.Split('\n').Where(line => line.StartsWith("http_server_request_duration_seconds_count", StringComparison.Ordinal)));
    }

    [GeneratedRegex("http_server_request_duration_seconds_count\\{[^}]*http_route=\"/health\"")]
    private static partial Regex HealthDuration();
}

using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Invorto.Api;
using Invorto.Application.Tenants.CreateTenant;
using Invorto.Bench.Api;
using Invorto.Hosting;
using Invorto.Infrastructure;
using Invorto.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Npgsql;

// GET /v1/calls under a fixed open-loop rate against the Api host on real Kestrel (loopback) and PostgreSQL.
var options = BenchOptions.Parse(args);
if (options.MinThreads > 0)
{
    ThreadPool.SetMinThreads(options.MinThreads, options.MinThreads);
}

var dbUrl = Environment.GetEnvironmentVariable("DB_URL") ?? throw new InvalidOperationException("DB_URL is required (bench/api.sh starts a throwaway PostgreSQL).");
var redisUrl = Environment.GetEnvironmentVariable("REDIS_URL") ?? throw new InvalidOperationException("REDIS_URL is required.");

var admin = PostgresConnectionString.FromDbUrl(dbUrl);
var databaseName = $"invorto_bench_{Guid.NewGuid():N}";
await ExecuteAsync(admin, $"CREATE DATABASE \"{databaseName}\"");
var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = databaseName, MaxPoolSize = 100 }.ConnectionString;

try
{
    using var embedded = new EmbeddedServices();
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["DB_URL"] = connectionString,
        ["REDIS_URL"] = redisUrl,
        ["MIGRATE_ON_START"] = "true",
        // The benchmark drives one key far past the per-key budget on purpose: it measures the listing, not the limiter.
        ["API_RATE_LIMIT_PER_MIN"] = "1000000",
        ["REALTIME_WS_SECRET"] = "bench-realtime-secret-0123456789abcdef",
        ["Logging:LogLevel:Default"] = "Warning",
    });
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    builder.AddApiService(embedded);
    await using var app = builder.Build();
    app.MapApiService();
    await app.MigrateIfConfiguredAsync();
    await app.StartAsync();
    var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    Console.WriteLine($"Api on {address}");

    var now = DateTimeOffset.UtcNow;
    TenantCreated tenant;
    Guid[] agentIds;
    await using (var scope = app.Services.CreateAsyncScope())
    {
        var created = await scope.ServiceProvider.GetRequiredService<CreateTenantHandler>().HandleAsync(new CreateTenantCommand("bench"), CancellationToken.None);
        tenant = created.Value ?? throw new InvalidOperationException(created.Error?.Message);
        var db = scope.ServiceProvider.GetRequiredService<InvortoDbContext>();
        agentIds = await CallSeeder.SeedAgentsAsync(db, tenant.TenantId, 5, now);
        var seeding = System.Diagnostics.Stopwatch.StartNew();
        await CallSeeder.SeedCallsAsync(db, tenant.TenantId, agentIds, options.Rows, now);
        Console.WriteLine($"Seeded {options.Rows} calls in {seeding.Elapsed.TotalSeconds:F1} s");
    }

    using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
    using var client = new HttpClient(handler) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenant.ApiKey);

    var page2 = await GetJsonAsync(client, "/v1/calls");
    var page3 = await GetJsonAsync(client, $"/v1/calls?cursor={page2["nextCursor"]}");
    var scenarios = new (string Name, string Path)[]
    {
        ("unfiltered", "/v1/calls"),
        ("status_completed", "/v1/calls?status=completed"),
        ("agent_outbound", $"/v1/calls?agentId={agentIds[0]}&direction=outbound"),
        ("page3_cursor", $"/v1/calls?cursor={page3["nextCursor"]}"),
    };

    // Warm-up: JIT, connection pools, PostgreSQL buffers, then the thread pool at the target rate (unrecorded).
    foreach (var (_, path) in scenarios)
    {
        for (var i = 0; i < 50; i++)
        {
            (await client.GetAsync(new Uri(path, UriKind.Relative))).EnsureSuccessStatusCode();
        }
    }

    // Short runs showed whichever scenario went first paying for tiering, GC sizing and thread-pool growth: every path warms up at rate first.
    foreach (var (_, path) in scenarios)
    {
        await OpenLoopDriver.RunAsync(client, "warm-up", path, options.Rate, TimeSpan.FromSeconds(5), CancellationToken.None);
    }

    // Unloaded reference: one request at a time.
    var sequential = new List<double>();
    for (var i = 0; i < 200; i++)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        (await client.GetAsync(new Uri(scenarios[0].Path, UriKind.Relative))).EnsureSuccessStatusCode();
        sequential.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    sequential.Sort();
    var sequentialP50 = Math.Round(sequential[99], 2);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sequential         p50={sequentialP50} ms p95={sequential[189]:F2} ms"));

    var loadAtStart = BenchOptions.LoadAverage();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load average (1 min) before the scenarios: {loadAtStart}"));
    var results = new List<ScenarioResult>();
    foreach (var (name, path) in scenarios)
    {
        var result = await OpenLoopDriver.RunAsync(client, name, path, options.Rate, TimeSpan.FromSeconds(options.Seconds), CancellationToken.None);
        results.Add(result);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-18} n={result.Requests} failed={result.Failures} p50={result.P50Ms} ms p95={result.P95Ms} ms p99={result.P99Ms} ms max={result.MaxMs:F1} ms rate={result.AchievedRps:F1}/s"));
    }

    await File.WriteAllTextAsync(options.PlansPath, await ExplainAsync(connectionString, tenant.TenantId, agentIds[0]));
    await File.WriteAllTextAsync(options.OutputPath, Report(results, options, sequentialP50, loadAtStart).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    Console.WriteLine($"Wrote {options.OutputPath}");
    await app.StopAsync();
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)");
}

return 0;

static async Task ExecuteAsync(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

static async Task<JsonObject> GetJsonAsync(HttpClient client, string path)
{
    var body = await client.GetStringAsync(new Uri(path, UriKind.Relative));
    return JsonNode.Parse(body)!.AsObject();
}

// The plans of the listing's SQL shapes, so a slow filter names the index it lacks.
static async Task<string> ExplainAsync(string connectionString, Guid tenantId, Guid agentId)
{
    const string Columns = "id, agent_id, status, created_at";
    var queries = new (string Name, string Sql)[]
    {
        ("unfiltered", $"SELECT {Columns} FROM calls WHERE tenant_id = @t ORDER BY created_at DESC, id DESC LIMIT 51"),
        ("status_completed", $"SELECT {Columns} FROM calls WHERE tenant_id = @t AND status = 'completed' ORDER BY created_at DESC, id DESC LIMIT 51"),
        ("agent_outbound", $"SELECT {Columns} FROM calls WHERE tenant_id = @t AND agent_id = @a AND direction = 'outbound' ORDER BY created_at DESC, id DESC LIMIT 51"),
    };
    var text = new System.Text.StringBuilder();
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    foreach (var (name, sql) in queries)
    {
        await using var command = new NpgsqlCommand($"EXPLAIN (ANALYZE, BUFFERS) {sql}", connection);
        command.Parameters.AddWithValue("t", tenantId);
        command.Parameters.AddWithValue("a", agentId);
        text.AppendLine(CultureInfo.InvariantCulture, $"-- {name}");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            text.AppendLine(reader.GetString(0));
        }

        text.AppendLine();
    }

    return text.ToString();
}

static JsonObject Report(List<ScenarioResult> results, BenchOptions options, double sequentialP50, double loadAtStart)
{
    var report = new JsonObject
    {
        ["calls_list_p95_ms"] = results.Max(r => r.P95Ms),
        ["calls_list_p50_ms"] = results.Max(r => r.P50Ms),
        ["calls_list_p99_ms"] = results.Max(r => r.P99Ms),
        ["calls_list_unfiltered_p95_ms"] = results.Single(r => r.Name == "unfiltered").P95Ms,
        ["calls_list_filtered_p95_ms"] = results.Where(r => r.Name is "status_completed" or "agent_outbound").Max(r => r.P95Ms),
        ["rate_rps"] = options.Rate,
        ["rows"] = options.Rows,
        ["seconds_per_scenario"] = options.Seconds,
        ["failures"] = results.Sum(r => r.Failures),
        ["min_threads"] = options.MinThreads,
        ["calls_list_sequential_p50_ms"] = sequentialP50,
        ["load_avg_1m_at_start"] = loadAtStart,
    };
    foreach (var result in results)
    {
        report[$"{result.Name}_p50_ms"] = result.P50Ms;
        report[$"{result.Name}_p95_ms"] = result.P95Ms;
        report[$"{result.Name}_p99_ms"] = result.P99Ms;
        report[$"{result.Name}_max_ms"] = Math.Round(result.MaxMs, 2);
        report[$"{result.Name}_achieved_rps"] = Math.Round(result.AchievedRps, 1);
    }

    report["load_avg_1m_at_end"] = BenchOptions.LoadAverage();
    report["machine"] = BenchOptions.Machine();
    report["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    return report;
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using StackExchange.Redis;

namespace Invorto.Bench.Limiter;

/// <summary>
/// Acquire+release pairs per second through <c>RedisConcurrencyLimiter</c> against a local Redis: from one process, from
/// several with the campaign cap above the pairs in flight (throughput), and from several with the cap saturated
/// (safety: a shared held counter must never exceed it).
/// Writes <c>bench/results/limiter.json</c> and the "Concurrency limiter" section of <c>docs/benchmarks.md</c>.
/// </summary>
internal static class LimiterBenchmark
{
    private const int GoalPairsPerSecond = 10_000;
    private const string SectionStart = "<!-- limiter-bench:start -->";
    private const string SectionEnd = "<!-- limiter-bench:end -->";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(CommandLine arguments)
    {
        var redis = arguments.Text("redis", Environment.GetEnvironmentVariable("REDIS_URL") ?? "127.0.0.1:6379");
        var redisOptions = RedisAddress.Parse(redis);
        RedisAddress.RequireLoopback(redisOptions);
        var processes = arguments.Int("processes", 4);
        var loops = arguments.Int("loops", 32);
        var duration = TimeSpan.FromSeconds(arguments.Int("duration-sec", 10));
        var maxAttempts = arguments.Long("max-attempts", 5_000_000);
        var campaignLimit = arguments.Int("campaign-limit", 50);
        var outPath = arguments.Text("out", "bench/results/limiter.json");
        var docPath = arguments.Text("doc", "docs/benchmarks.md");
        var command = arguments.Text("command", "dotnet Invorto.Bench.Limiter.dll");

        var template = new HammerSettings(
            redis, string.Empty, Guid.CreateVersion7(), Guid.Empty, GlobalLimit: 10_000, campaignLimit, TenantLimit: null,
            loops, duration, maxAttempts, Hold: TimeSpan.Zero, RejectBackoff: TimeSpan.FromMilliseconds(arguments.Int("reject-backoff-ms", 1)), StartAt: null);

        Console.WriteLine($"limiter bench: {duration.TotalSeconds:0} s per run, {loops} loops per process, campaign limit {campaignLimit}, Redis {redis}");
        var loadBefore = LoadAverage();
        var single = await RunAsync(template, 1);
        Report("1 process", single);
        // Throughput: the cap sits above every pair that can be in flight, so no loop waits on a full campaign.
        var open = await RunAsync(template with { CampaignLimit = processes * loops * 2 }, processes);
        Report($"{processes} processes, cap above demand", open);
        var multi = await RunAsync(template, processes);
        Report($"{processes} processes, cap saturated", multi);
        var loadAfter = LoadAverage();

        await using var connection = await ConnectionMultiplexer.ConnectAsync(redisOptions);
        var redisVersion = connection.GetServers()[0].Version.ToString();
        var leftover = await LeftoverAsync(connection.GetDatabase(), single, open, multi);
        var overAdmissions = single.OverAdmissions + open.OverAdmissions + multi.OverAdmissions;
        var machine = Machine();
        var date = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        var results = new Dictionary<string, object>
        {
            ["pairs_per_sec"] = Math.Round(open.PairsPerSecond),
            ["pairs_per_sec_1_process"] = Math.Round(single.PairsPerSecond),
            ["pairs_per_sec_at_saturated_cap"] = Math.Round(multi.PairsPerSecond),
            ["over_admissions"] = overAdmissions,
            ["processes"] = processes,
            ["machine"] = machine,
            ["date"] = date,
            ["goal_pairs_per_sec"] = GoalPairsPerSecond,
            ["attempts_per_sec"] = Math.Round(multi.AttemptsPerSecond),
            ["attempts_per_sec_1_process"] = Math.Round(single.AttemptsPerSecond),
            ["rejections"] = multi.Rejections,
            ["rejections_1_process"] = single.Rejections,
            ["unavailable"] = single.Unavailable + multi.Unavailable,
            ["max_held"] = Math.Max(single.MaxHeld, multi.MaxHeld),
            ["campaign_limit"] = campaignLimit,
            ["loops_per_process"] = loops,
            ["max_attempts_per_process"] = maxAttempts,
            ["reject_backoff_ms"] = template.RejectBackoff.TotalMilliseconds,
            ["duration_sec"] = duration.TotalSeconds,
            ["leftover_slots"] = leftover,
            ["redis_version"] = redisVersion,
            ["runtime"] = Environment.Version.ToString(),
            // Other work on the machine skews the figures; the 1-minute load average says how much there was.
            ["load_average_before"] = loadBefore,
            ["load_average_after"] = loadAfter,
            ["command"] = command,
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
        await File.WriteAllTextAsync(outPath, JsonSerializer.Serialize(results, Indented) + "\n");
        await WriteSectionAsync(docPath, Section(single, open, multi, results));
        Console.WriteLine($"wrote {outPath} and the 'Concurrency limiter' section of {docPath}");

        return overAdmissions == 0 && leftover == 0 ? 0 : 1;
    }

    private static async Task<BenchRun> RunAsync(HammerSettings template, int processes)
    {
        var settings = template with
        {
            KeyPrefix = $"bench:limiter:{Guid.NewGuid():N}:",
            CampaignId = Guid.CreateVersion7(),
            // Every hammer starts the clock together, after all of them have connected and warmed up.
            StartAt = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(3 + processes),
        };
        var timeout = template.Duration + TimeSpan.FromSeconds(60 + (5 * processes));
        var lines = await HammerProcesses.RunAsync(HammerProcesses.CurrentProgram(), processes, [.. settings.ToArguments()], timeout);
        return new BenchRun(processes, template.Loops, settings.KeyPrefix, [.. lines.Select(HammerProcesses.Parse)]);
    }

    // After both runs no slot may be left in any scope and every held counter must be back to zero; then the
    // run's keys are deleted so repeated runs leave nothing behind.
    private static async Task<long> LeftoverAsync(IDatabase database, params BenchRun[] runs)
    {
        long leftover = 0;
        var server = database.Multiplexer.GetServers()[0];
        foreach (var prefix in runs.Select(r => r.KeyPrefix))
        {
            await foreach (var key in server.KeysAsync(pattern: prefix + "*"))
            {
                leftover += key.ToString().EndsWith("held", StringComparison.Ordinal)
                    ? (long)await database.StringGetAsync(key)
                    : await database.SortedSetLengthAsync(key);
                await database.KeyDeleteAsync(key);
            }
        }

        return leftover;
    }

    private static void Report(string name, BenchRun run) =>
        Console.WriteLine(
            $"{name,-12}: {run.PairsPerSecond,10:N0} pairs/s, {run.AttemptsPerSecond,10:N0} attempts/s, {run.Pairs:N0} pairs, " +
            $"{run.Rejections:N0} rejections, {run.Unavailable:N0} unavailable, max held {run.MaxHeld}, over-admissions {run.OverAdmissions} ({run.WindowSeconds:0.0} s)");

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static string Machine()
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return $"{model ?? "unknown CPU"}, {Environment.ProcessorCount} cores";
    }

    private static string Section(BenchRun single, BenchRun open, BenchRun multi, Dictionary<string, object> results)
    {
        var met = open.PairsPerSecond >= GoalPairsPerSecond;
        var text = new StringBuilder();
        text.AppendLine(SectionStart);
        text.AppendLine(CultureInfo.InvariantCulture, $"Measured {results["date"]} on {results["machine"]}, Redis {results["redis_version"]} on 127.0.0.1 (same machine), .NET {results["runtime"]}.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Command: `{results["command"]}` (Release build; raw figures in `bench/results/limiter.json`).");
        text.AppendLine();
        text.AppendLine("| run | processes × loops | campaign cap | acquire+release pairs/s | acquire attempts/s | rejections | max held | over-admissions |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, run, cap) in new[] { ("1 process", single, (int)results["campaign_limit"]), ("cap above demand", open, open.Processes * open.LoopsPerProcess * 2), ("cap saturated", multi, (int)results["campaign_limit"]) })
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {run.Processes} × {run.LoopsPerProcess} | {cap} | {run.PairsPerSecond:N0} | {run.AttemptsPerSecond:N0} | {run.Rejections:N0} | {run.MaxHeld} | {run.OverAdmissions} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Goal ≥ {GoalPairsPerSecond:N0} pairs/s from {open.Processes} processes: **{(met ? "met" : "not met")}** ({open.PairsPerSecond:N0}/s with the cap above demand; {multi.PairsPerSecond:N0}/s while {multi.Processes * multi.LoopsPerProcess} loops fight over {results["campaign_limit"]} slots).");
        text.AppendLine();
        // Little's law: with one campaign capped at L slots, pairs/s can never exceed L / (time each slot is held).
        text.AppendLine(CultureInfo.InvariantCulture,
            $"The saturated run is the safety check, not a throughput figure: with {multi.Processes} × {multi.LoopsPerProcess} loops on one campaign capped at {results["campaign_limit"]}, at most {results["campaign_limit"]} pairs are in flight, so the rate is also bounded by the cap over the time a slot is held (Little's law): {(double)(int)results["campaign_limit"] / multi.PairsPerSecond * 1000:0.0} ms per slot here.");
        text.AppendLine();
        var how =
            $"How: each run lasts {results["duration_sec"]} s (or {results["max_attempts_per_process"]:N0} attempts per process). Every loop repeats acquire → `INCR` held counter → `DECR` → release " +
            $"on one campaign (scopes global + campaign, the campaign cap of the table, TTL 600 s, no hold time). A pair costs four commands in three round trips " +
            "(acquire script; INCR; DECR and release script sent back to back); the loops of one process share one multiplexer, so their commands are pipelined. " +
            $"A rejected attempt (campaign full) waits {results["reject_backoff_ms"]} ms, as a dialer would, and does not count as a pair. The held counter is shared by all processes and " +
            "incremented only after an admission and decremented before the release, so a value above the limit would be an over-admission; " +
            $"after the runs {results["leftover_slots"]} slots or held counts were left in Redis.";
        text.AppendLine(how);
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Caveat: Redis and every client process share the same cores, so the figure is what the machine does end to end, not Redis alone; the 1-minute load average was {results["load_average_before"]} before and {results["load_average_after"]} after the runs (other work on the machine lowers the figures).");
        text.AppendLine(SectionEnd);
        return text.ToString();
    }

    private static async Task WriteSectionAsync(string docPath, string section)
    {
        var heading = "## Concurrency limiter";
        var existing = File.Exists(docPath) ? await File.ReadAllTextAsync(docPath) : "# Benchmarks\n";
        string updated;
        var start = existing.IndexOf(SectionStart, StringComparison.Ordinal);
        var end = existing.IndexOf(SectionEnd, StringComparison.Ordinal);
        if (start >= 0 && end > start)
        {
            var after = existing.IndexOf('\n', end);
            updated = existing[..start] + section + (after < 0 ? string.Empty : existing[(after + 1)..]);
        }
        else
        {
            updated = existing.TrimEnd('\n') + "\n\n" + heading + "\n\n" + section;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(docPath))!);
        await File.WriteAllTextAsync(docPath, updated);
    }
}

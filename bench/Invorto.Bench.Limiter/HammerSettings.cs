namespace Invorto.Bench.Limiter;

/// <summary>What one hammer process does: <see cref="Loops"/> concurrent acquire → hold → release loops on one campaign.</summary>
public sealed record HammerSettings(
    string Redis,
    string KeyPrefix,
    Guid TenantId,
    Guid CampaignId,
    int GlobalLimit,
    int CampaignLimit,
    int? TenantLimit,
    int Loops,
    TimeSpan Duration,
    long MaxAttempts,
    TimeSpan Hold,
    TimeSpan RejectBackoff,
    DateTimeOffset? StartAt)
{
    /// <summary>The number of slots the campaign can hold at once: the tightest of its scopes.</summary>
    public int HeldLimit => Math.Min(Math.Min(GlobalLimit, CampaignLimit), TenantLimit ?? int.MaxValue);

    /// <summary>A plain counter incremented after each admission and decremented before each release, by every process.</summary>
    public string HeldKey => KeyPrefix + "held";

    internal static HammerSettings From(CommandLine arguments) => new(
        Redis: arguments.Required("redis"),
        KeyPrefix: arguments.Required("prefix"),
        TenantId: Guid.Parse(arguments.Required("tenant")),
        CampaignId: Guid.Parse(arguments.Required("campaign")),
        GlobalLimit: arguments.Int("global-limit", 10_000),
        CampaignLimit: arguments.Int("campaign-limit", 50),
        TenantLimit: arguments.IntOrNull("tenant-limit"),
        Loops: arguments.Int("loops", 32),
        Duration: TimeSpan.FromMilliseconds(arguments.Int("duration-ms", 10_000)),
        MaxAttempts: arguments.Long("max-attempts", 5_000_000),
        Hold: TimeSpan.FromMilliseconds(arguments.Int("hold-ms", 0)),
        RejectBackoff: TimeSpan.FromMilliseconds(arguments.Int("reject-backoff-ms", 1)),
        StartAt: arguments.TextOrNull("start-at") is { } startAt ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(startAt, System.Globalization.CultureInfo.InvariantCulture)) : null);

    /// <summary>The hammer's command line, without the leading <c>--hammer</c>.</summary>
    public IEnumerable<string> ToArguments()
    {
        yield return "--redis";
        yield return Redis;
        yield return "--prefix";
        yield return KeyPrefix;
        yield return "--tenant";
        yield return TenantId.ToString();
        yield return "--campaign";
        yield return CampaignId.ToString();
        yield return "--global-limit";
        yield return Invariant(GlobalLimit);
        yield return "--campaign-limit";
        yield return Invariant(CampaignLimit);
        if (TenantLimit is { } tenantLimit)
        {
            yield return "--tenant-limit";
            yield return Invariant(tenantLimit);
        }

        yield return "--loops";
        yield return Invariant(Loops);
        yield return "--duration-ms";
        yield return Invariant((long)Duration.TotalMilliseconds);
        yield return "--max-attempts";
        yield return Invariant(MaxAttempts);
        yield return "--hold-ms";
        yield return Invariant((long)Hold.TotalMilliseconds);
        yield return "--reject-backoff-ms";
        yield return Invariant((long)RejectBackoff.TotalMilliseconds);
        if (StartAt is { } startAt)
        {
            yield return "--start-at";
            yield return Invariant(startAt.ToUnixTimeMilliseconds());
        }
    }

    private static string Invariant(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

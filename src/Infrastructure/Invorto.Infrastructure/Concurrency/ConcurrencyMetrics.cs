using System.Diagnostics.Metrics;
using Invorto.Domain.Concurrency;

namespace Invorto.Infrastructure.Concurrency;

/// <summary>The limiter's instruments (spec §12): rejections by the kind of scope that was full.</summary>
public sealed class ConcurrencyMetrics
{
    public const string MeterName = "Invorto.Concurrency";
    public const string RejectionsName = "invorto_concurrency_rejections_total";
    public const string ScopeTag = "scope";

    private readonly Counter<long> _rejections;

    public ConcurrencyMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _rejections = meter.CreateCounter<long>(RejectionsName, unit: "{rejection}", description: "Acquires refused because a concurrency scope was full.");
    }

    // The tag is the scope's kind, not its key: tenant and campaign ids would make the series unbounded.
    public void RecordRejection(ConcurrencyScope scope) =>
        _rejections.Add(1, new KeyValuePair<string, object?>(ScopeTag, scope.KindName));
}

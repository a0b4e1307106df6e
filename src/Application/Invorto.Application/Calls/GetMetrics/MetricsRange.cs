using System.Globalization;

namespace Invorto.Application.Calls.GetMetrics;

/// <summary>The inclusive UTC date range of a <see cref="GetMetricsQuery"/>.</summary>
internal static class MetricsRange
{
    public const string DateFormat = "yyyy-MM-dd";

    public static bool IsDate(string? value) =>
        string.IsNullOrWhiteSpace(value) || DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    public static (DateOnly From, DateOnly To) Of(GetMetricsQuery query, DateOnly today)
    {
        var to = Parse(query.To) ?? today;
        var from = Parse(query.From) ?? to.AddDays(1 - GetMetricsQuery.DefaultDays);
        return (from, to);
    }

    private static DateOnly? Parse(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : DateOnly.ParseExact(value, DateFormat, CultureInfo.InvariantCulture);
}

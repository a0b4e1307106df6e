namespace Invorto.Bench.Realtime;

/// <summary>
/// Which session count to try next: climb from <c>start</c> by <c>step</c> while steps pass, then bisect between the
/// last pass and the first failure until they are at most <c>resolution</c> apart.
/// </summary>
public sealed class StepSearch
{
    private readonly int _step;
    private readonly int _resolution;
    private readonly int _max;
    private int? _failed;

    public StepSearch(int start, int step, int resolution, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(start, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 1);
        _step = step;
        _resolution = resolution;
        _max = max;
        Next = Math.Min(start, max);
    }

    /// <summary>The next session count to try, or null when the search is over.</summary>
    public int? Next { get; private set; }

    /// <summary>The largest count that passed (0 when none did).</summary>
    public int BestPassing { get; private set; }

    public void Report(int sessions, bool passed)
    {
        if (passed)
        {
            BestPassing = Math.Max(BestPassing, sessions);
        }
        else
        {
            _failed = _failed is { } f ? Math.Min(f, sessions) : sessions;
        }

        if (_failed is not { } failed)
        {
            Next = sessions + _step <= _max ? sessions + _step : null;
            return;
        }

        var gap = failed - BestPassing;
        Next = gap > _resolution ? BestPassing + (gap / 2) : null;
    }
}

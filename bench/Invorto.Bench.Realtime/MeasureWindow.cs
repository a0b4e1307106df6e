namespace Invorto.Bench.Realtime;

/// <summary>The measured interval of a step in <see cref="System.Diagnostics.Stopwatch"/> ticks; before it is opened nothing is inside.</summary>
public sealed class MeasureWindow
{
    private long _start = long.MaxValue;
    private long _end = long.MaxValue;

    public long Start => Volatile.Read(ref _start);

    public long End => Volatile.Read(ref _end);

    public void Open(long start) => Volatile.Write(ref _start, start);

    public void Close(long end) => Volatile.Write(ref _end, end);

    public bool IsBefore(long timestamp) => timestamp < Start;

    public bool Contains(long timestamp) => timestamp >= Start && timestamp <= End;
}

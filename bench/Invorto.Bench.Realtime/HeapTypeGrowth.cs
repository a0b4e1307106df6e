namespace Invorto.Bench.Realtime;

/// <summary>What one session keeps alive of one type: the growth from the low to the high session count, per session.</summary>
public sealed record HeapTypeGrowth(string TypeName, string Module, double BytesPerSession, double ObjectsPerSession, bool BytesEstimated);

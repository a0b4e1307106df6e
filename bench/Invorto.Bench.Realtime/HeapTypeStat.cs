namespace Invorto.Bench.Realtime;

/// <summary>
/// One type of a heap dump, its size buckets (<c>(Bytes &gt; 10K)</c>...) merged. <see cref="Count"/> is exact.
/// <see cref="Bytes"/> is exact when read from the dump's object graph; from the text report it is exact for fixed-size
/// types only (the report gives one instance size per row, so for strings and arrays it is that size times the count:
/// <see cref="BytesEstimated"/>).
/// </summary>
public sealed record HeapTypeStat(string TypeName, string Module, long Bytes, long Count, bool BytesEstimated)
{
    /// <summary>Strings and arrays vary in size per instance.</summary>
    public static bool HasVariableSize(string typeName) => typeName == "System.String" || typeName.EndsWith(']');

    /// <summary>The key that identifies a type across dumps: its name without the size bucket, and its module's file.</summary>
    public static string Key(string typeName, string module) => module.Length == 0 ? typeName : $"{typeName} [{module}]";

    /// <summary>The name without gcdump's size bucket suffix, e.g. <c>System.Byte[] (Bytes &gt; 1K)</c> → <c>System.Byte[]</c>.</summary>
    public static string WithoutBucket(string typeName)
    {
        var at = typeName.LastIndexOf(" (Bytes > ", StringComparison.Ordinal);
        return at > 0 && typeName.EndsWith("K)", StringComparison.Ordinal) ? typeName[..at] : typeName;
    }
}

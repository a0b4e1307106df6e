using System.Reflection;

namespace Invorto.Bench.Realtime;

/// <summary>
/// Exact bytes and count per type from a .gcdump's object graph. The reader (PerfView's <c>GCHeapDump</c> and
/// <c>MemoryGraph</c>) ships only inside the dotnet-gcdump tool, not in a package, so it is loaded from the tool's
/// <c>dotnet-gcdump.dll</c> at run time: the build does not depend on the tool.
/// </summary>
public static class GcdumpGraph
{
    public static IReadOnlyList<HeapTypeStat> ReadTypes(string gcdumpDll, string gcdumpPath)
    {
        var assembly = Assembly.LoadFrom(gcdumpDll);
        var dumpType = assembly.GetType("GCHeapDump", throwOnError: true)!;
        dynamic dump = Activator.CreateInstance(dumpType, gcdumpPath)!;
        dynamic graph = dump.MemoryGraph;
        var nodeIndexType = assembly.GetType("Graphs.NodeIndex", throwOnError: true)!;
        dynamic node = graph.AllocNodeStorage();
        dynamic typeStorage = graph.AllocTypeNodeStorage();
        var byType = new Dictionary<(string Name, string Module), (long Bytes, long Count)>();
        var limit = (int)graph.NodeIndexLimit;
        for (var i = 0; i < limit; i++)
        {
            dynamic current = graph.GetNode((dynamic)Enum.ToObject(nodeIndexType, i), node);
            long size = current.Size;
            if (size == 0)
            {
                continue;
            }

            dynamic type = current.GetType(typeStorage);
            string name = type.Name;
            string module = type.ModuleName ?? string.Empty;
            var key = (name, Path.GetFileName(module));
            var seen = byType.GetValueOrDefault(key);
            byType[key] = (seen.Bytes + size, seen.Count + 1);
        }

        return byType.Select(t => new HeapTypeStat(t.Key.Name, t.Key.Module, t.Value.Bytes, t.Value.Count, BytesEstimated: false)).ToArray();
    }
}

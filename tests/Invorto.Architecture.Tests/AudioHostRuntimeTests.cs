using System.Xml.Linq;
using Invorto.Testing;

namespace Invorto.Architecture.Tests;

/// <summary>
/// The processes that carry call audio keep the runtime settings their latency depends on (docs/deployment.md §7): the
/// Server GC without DATAS, whose single-heap pauses stalled every call at once, and thread-pool workers that block
/// instead of spinning.
/// </summary>
public sealed class AudioHostRuntimeTests
{
    public static TheoryData<string> AudioHosts => ["Invorto.Realtime", "Invorto.Local"];

    private static XDocument Project(string name) =>
        XDocument.Load(Path.Combine(RepositoryRoot.Path, "src", "Hosts", name, name + ".csproj"));

    [Theory]
    [MemberData(nameof(AudioHosts))]
    public void Runs_the_server_gc_without_dynamic_adaptation(string host)
    {
        var project = Project(host);

        project.Descendants("GarbageCollectionAdaptationMode").Select(e => e.Value.Trim()).ShouldBe(["0"]);
        project.Descendants("ServerGarbageCollection").ShouldAllBe(e => e.Value.Trim() == "true");
        project.Root!.Attribute("Sdk")!.Value.ShouldBe("Microsoft.NET.Sdk.Web");
    }

    [Theory]
    [MemberData(nameof(AudioHosts))]
    public void Thread_pool_workers_do_not_spin(string host)
    {
        Project(host).Descendants("RuntimeHostConfigurationOption")
            .Where(e => e.Attribute("Include")?.Value == "System.Threading.ThreadPool.UnfairSemaphoreSpinLimit")
            .Select(e => e.Attribute("Value")?.Value)
            .ShouldBe(["0"]);
    }
}

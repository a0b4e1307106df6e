using System.Reflection;
using System.Xml.Linq;
using Invorto.Testing;

namespace Invorto.Architecture.Tests;

/// <summary>The real dependency graphs: as the project files declare it, and as the compiled assemblies use it.</summary>
public static class DependencyGraphs
{

    public static IReadOnlyDictionary<string, IReadOnlySet<string>> FromProjectFiles()
    {
        var projects = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "src"), "*.csproj", SearchOption.AllDirectories);
        return projects.ToDictionary(
            path => Path.GetFileNameWithoutExtension(path),
            path => (IReadOnlySet<string>)XDocument.Load(path).Descendants("ProjectReference")
                .Select(reference => Path.GetFileNameWithoutExtension(reference.Attribute("Include")!.Value.Replace('\\', '/')))
                .ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    public static IReadOnlyDictionary<string, IReadOnlySet<string>> FromAssemblies() =>
        OurAssemblies().ToDictionary(
            assembly => assembly.GetName().Name!,
            assembly => (IReadOnlySet<string>)assembly.GetReferencedAssemblies()
                .Select(reference => reference.Name!)
                .Where(IsOurs)
                .ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);

    public static IEnumerable<Assembly> OurAssemblies() =>
        LayerRules.Allowed.Keys.Select(name => Assembly.Load(new AssemblyName(name)));

    private static bool IsOurs(string assemblyName) => LayerRules.Allowed.ContainsKey(assemblyName);
}

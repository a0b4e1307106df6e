namespace Invorto.Architecture.Tests;

/// <summary>Compares a dependency graph (project → referenced projects of ours) with <see cref="LayerRules"/>.</summary>
public static class LayerRuleChecker
{
    public static IReadOnlyList<string> Violations(
        IReadOnlyDictionary<string, IReadOnlySet<string>> graph,
        IReadOnlyDictionary<string, IReadOnlySet<string>> allowed)
    {
        var violations = new List<string>();
        foreach (var (project, references) in graph.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (!allowed.TryGetValue(project, out var permitted))
            {
                violations.Add($"{project} is not in the layer rules: add it to LayerRules.Allowed with the references it may have.");
                continue;
            }

            violations.AddRange(references
                .Where(reference => !permitted.Contains(reference))
                .Order(StringComparer.Ordinal)
                .Select(reference => $"{project} must not reference {reference}."));
        }

        return violations;
    }
}

namespace Invorto.Architecture.Tests;

/// <summary>
/// The dependency rule of the solution as data: which of our projects each project may reference.
/// Domain ← Application ← Infrastructure ← Hosting ← hosts; hosts never reference each other; only the
/// development launcher composes the four hosts.
/// </summary>
public static class LayerRules
{
    private static readonly string[] Core = ["Invorto.Domain", "Invorto.Application", "Invorto.Infrastructure", "Invorto.Hosting"];

    public static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> Allowed = new Dictionary<string, IReadOnlySet<string>>
    {
        ["Invorto.Domain"] = Set(),
        ["Invorto.Application"] = Set("Invorto.Domain"),
        ["Invorto.Infrastructure"] = Set("Invorto.Domain", "Invorto.Application"),
        ["Invorto.Hosting"] = Set("Invorto.Domain", "Invorto.Application", "Invorto.Infrastructure"),
        ["Invorto.Api"] = Set(Core),
        ["Invorto.Realtime"] = Set(Core),
        ["Invorto.Webhooks"] = Set(Core),
        ["Invorto.Telephony"] = Set(Core),
        ["Invorto.Local"] = Set([.. Core, "Invorto.Api", "Invorto.Realtime", "Invorto.Webhooks", "Invorto.Telephony"]),
    };

    /// <summary>Third-party frameworks a layer must not touch even indirectly through its own code.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ForbiddenNamespaces = new Dictionary<string, string[]>
    {
        ["Invorto.Domain"] = ["Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "StackExchange.Redis", "Npgsql", "Hangfire", "FluentValidation", "AutoMapper", "Ardalis"],
        ["Invorto.Application"] = ["Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "StackExchange.Redis", "Npgsql", "Hangfire"],
    };

    public static readonly string[] ServiceHosts = ["Invorto.Api", "Invorto.Realtime", "Invorto.Webhooks", "Invorto.Telephony"];

    private static HashSet<string> Set(params string[] names) => new HashSet<string>(names, StringComparer.Ordinal);
}

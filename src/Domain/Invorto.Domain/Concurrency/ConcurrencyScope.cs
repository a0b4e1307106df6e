using System.Globalization;
using Invorto.Domain.Common;

namespace Invorto.Domain.Concurrency;

/// <summary>
/// One semaphore a call must hold a slot in: its kind, its key (<c>global</c>, <c>tenant:{id}</c>,
/// <c>campaign:{id}</c>; the store adds its own prefix) and the most slots it grants at once.
/// </summary>
public sealed record ConcurrencyScope
{
    public const string GlobalKey = "global";

    private ConcurrencyScope(ConcurrencyScopeKind kind, string key, int limit)
    {
        if (limit < 1)
        {
            throw new DomainException($"The limit of scope '{key}' must be at least 1 (was {limit}).");
        }

        Kind = kind;
        Key = key;
        Limit = limit;
    }

    public ConcurrencyScopeKind Kind { get; }

    /// <summary>The scope's full name, as reported when it is full: <c>campaign:0193...</c>.</summary>
    public string Key { get; }

    public int Limit { get; }

    public static ConcurrencyScope Global(int limit) => new(ConcurrencyScopeKind.Global, GlobalKey, limit);

    public static ConcurrencyScope ForTenant(Guid tenantId, int limit) =>
        new(ConcurrencyScopeKind.Tenant, "tenant:" + IdText(tenantId, "tenant"), limit);

    public static ConcurrencyScope ForCampaign(Guid campaignId, int limit) =>
        new(ConcurrencyScopeKind.Campaign, "campaign:" + IdText(campaignId, "campaign"), limit);

    /// <summary>The scope's kind as a lower-case word, the <c>scope</c> tag of the rejection metric.</summary>
    public string KindName => Kind switch
    {
        ConcurrencyScopeKind.Global => "global",
        ConcurrencyScopeKind.Tenant => "tenant",
        ConcurrencyScopeKind.Campaign => "campaign",
        _ => throw new DomainException($"Unknown scope kind {Kind}."),
    };

    public override string ToString() => Key;

    private static string IdText(Guid id, string what) =>
        id == Guid.Empty
            ? throw new DomainException($"A {what} scope needs a {what} id.")
            : id.ToString("D", CultureInfo.InvariantCulture);
}

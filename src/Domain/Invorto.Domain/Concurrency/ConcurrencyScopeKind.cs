namespace Invorto.Domain.Concurrency;

/// <summary>What a concurrency scope caps: the whole platform, one tenant or one campaign (spec §7).</summary>
public enum ConcurrencyScopeKind
{
    Global,
    Tenant,
    Campaign,
}

namespace Invorto.Domain.Tenants;

/// <summary>What an API key may do (spec §1).</summary>
public enum ApiKeyRole
{
    /// <summary>Everything, including keys, webhooks, secrets and tenant settings.</summary>
    Admin = 0,

    /// <summary>Agents, calls, numbers, webhooks and campaigns.</summary>
    Dev = 1,

    /// <summary>Read only.</summary>
    Analyst = 2,
}

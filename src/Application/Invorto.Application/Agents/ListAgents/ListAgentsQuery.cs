namespace Invorto.Application.Agents.ListAgents;

/// <summary>
/// A page of the tenant's agents, newest first. <paramref name="Name"/> keeps agents whose name contains it,
/// ignoring case; archived agents are left out unless <paramref name="IncludeArchived"/>.
/// </summary>
public sealed record ListAgentsQuery(Guid TenantId, string? Name, int? Limit, string? Cursor, bool IncludeArchived = false)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
}

using Invorto.Domain.Tenants;

namespace Invorto.Application.Security;

/// <summary>The role table of spec §1: admin does everything, dev operates, analyst reads.</summary>
public static class RolePolicy
{
    public static bool Allows(ApiKeyRole role, Permission permission) => permission switch
    {
        Permission.Read => Enum.IsDefined(role),
        Permission.Operate => role is ApiKeyRole.Admin or ApiKeyRole.Dev,
        Permission.Administer => role is ApiKeyRole.Admin,
        _ => false,
    };
}

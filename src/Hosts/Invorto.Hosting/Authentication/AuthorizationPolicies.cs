using Invorto.Application.Security;

namespace Invorto.Hosting.Authentication;

/// <summary>Policy names, one per <see cref="Permission"/>.</summary>
public static class AuthorizationPolicies
{
    public const string Read = "invorto:read";
    public const string Operate = "invorto:operate";
    public const string Administer = "invorto:administer";

    public static string For(Permission permission) => permission switch
    {
        Permission.Read => Read,
        Permission.Operate => Operate,
        Permission.Administer => Administer,
        _ => throw new ArgumentOutOfRangeException(nameof(permission), permission, null),
    };
}

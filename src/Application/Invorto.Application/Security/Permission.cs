namespace Invorto.Application.Security;

public enum Permission
{
    /// <summary>Read anything of the tenant.</summary>
    Read = 0,

    /// <summary>Change agents, calls, numbers, webhooks and campaigns.</summary>
    Operate = 1,

    /// <summary>Keys, secrets, tenant settings.</summary>
    Administer = 2,
}

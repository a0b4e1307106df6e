namespace Invorto.Application.Telephony.ConnectCall;

/// <summary>Connect the call to this agent (after the consent prompt, if any), or refuse it: not in service, or busy.</summary>
public sealed record CallConnection(Guid? CallId, Guid TenantId, Guid AgentId, int AgentVersion, string? ConsentPrompt, bool AtCapacity = false)
{
    public static readonly CallConnection NotInService = new(null, Guid.Empty, Guid.Empty, 0, null);

    public static readonly CallConnection Busy = new(null, Guid.Empty, Guid.Empty, 0, null, AtCapacity: true);

    public bool Connects => CallId is not null;
}

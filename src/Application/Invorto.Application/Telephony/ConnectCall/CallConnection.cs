namespace Invorto.Application.Telephony.ConnectCall;

/// <summary>Connect the call to this agent (after the consent prompt, if any); null <see cref="CallId"/> means: politely refuse.</summary>
public sealed record CallConnection(Guid? CallId, Guid TenantId, Guid AgentId, int AgentVersion, string? ConsentPrompt)
{
    public static readonly CallConnection NotInService = new(null, Guid.Empty, Guid.Empty, 0, null);

    public bool Connects => CallId is not null;
}

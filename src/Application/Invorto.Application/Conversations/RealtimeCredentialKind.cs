namespace Invorto.Application.Conversations;

/// <summary>What opened a realtime socket (spec §5.1).</summary>
public enum RealtimeCredentialKind
{
    /// <summary>A tenant API key (subprotocol, bearer or X-API-Key).</summary>
    TenantApiKey = 0,

    /// <summary>The platform operations key, <c>REALTIME_API_KEY</c>.</summary>
    OperationsKey = 1,

    /// <summary>A short-lived browser token naming one call.</summary>
    Token = 2,
}

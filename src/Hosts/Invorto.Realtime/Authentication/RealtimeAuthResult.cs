using Invorto.Application.Conversations;

namespace Invorto.Realtime.Authentication;

/// <summary>
/// Who opened a realtime socket, or why nobody did. <see cref="EchoSubprotocol"/> is the <c>Sec-WebSocket-Protocol</c>
/// value to accept the upgrade with (the one that authenticated, if any); <see cref="FailureCode"/> is
/// <c>invalid_api_key</c> when nothing presented was valid (close with 4401 after accepting).
/// </summary>
public sealed record RealtimeAuthResult(RealtimeCredential? Credential, string? EchoSubprotocol, string? FailureCode, string? TokenCallId)
{
    public bool IsAuthenticated => Credential is not null;

    public static RealtimeAuthResult Authenticated(RealtimeCredential credential, string? echoSubprotocol = null) =>
        new(credential, echoSubprotocol, null, credential.TokenCallId?.ToString());

    public static RealtimeAuthResult Failed(string code) => new(null, null, code, null);
}

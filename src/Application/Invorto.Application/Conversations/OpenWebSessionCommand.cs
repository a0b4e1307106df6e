namespace Invorto.Application.Conversations;

/// <summary>
/// The client's <c>start</c> message on <c>/realtime/voice</c> (spec §5.1) with the credential that opened the socket.
/// <paramref name="RequestedCallId"/> is the client's <c>callId</c>: an existing call to attach to, or else kept as the new call's external reference.
/// </summary>
public sealed record OpenWebSessionCommand(RealtimeCredential Credential, string? RequestedCallId, string? AgentId, string? Locale, int SampleRate);

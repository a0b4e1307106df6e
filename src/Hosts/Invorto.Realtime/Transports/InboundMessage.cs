using System.Net.WebSockets;

namespace Invorto.Realtime.Transports;

/// <summary>
/// One decoded frame from the far end, as the session sees it. A value, so decoding allocates nothing for audio;
/// <see cref="Audio"/> is valid until the next frame is decoded.
/// </summary>
public readonly record struct InboundMessage(
    InboundMessageKind Kind,
    ReadOnlyMemory<byte> Audio = default,
    int WireBytes = 0,
    string? Text = null,
    string? Detail = null,
    bool Played = false,
    WebSocketCloseStatus Status = WebSocketCloseStatus.Empty)
{
    public static InboundMessage Ignored => default;

    /// <param name="pcm16">Caller audio at the session's rate.</param>
    /// <param name="wireBytes">What the far end sent for it (counted as received audio).</param>
    public static InboundMessage AudioOf(ReadOnlyMemory<byte> pcm16, int wireBytes) => new(InboundMessageKind.Audio, pcm16, wireBytes);

    public static InboundMessage DigitsOf(string digits) => new(InboundMessageKind.Digits, Text: digits);

    public static InboundMessage ToolResultOf(string id, string resultJson) => new(InboundMessageKind.ToolResult, Text: id, Detail: resultJson);

    public static InboundMessage PlayoutMarkOf(string name, bool played) => new(InboundMessageKind.PlayoutMark, Text: name, Played: played);

    /// <param name="code">The error code of the <c>error</c> message (<c>bad_request</c>, <c>quota_exceeded</c>...).</param>
    public static InboundMessage RefusedWith(string code, string message) => new(InboundMessageKind.Refused, Text: message, Detail: code);

    public static InboundMessage EndedBy(string reason) => new(InboundMessageKind.End, Text: reason);

    public static InboundMessage CloseWith(WebSocketCloseStatus status, string reason) => new(InboundMessageKind.Close, Text: reason, Status: status);
}

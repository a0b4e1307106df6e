using System.Buffers.Text;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Invorto.Application.Conversations.Transport;
using Invorto.Application.Audio;

namespace Invorto.Realtime.Transports;

/// <summary>
/// A Twilio media stream (spec §5.3): the session runs at 16 kHz; agent frames are resampled once to 8 kHz, μ-law
/// encoded and sent as base64 <c>media</c> messages; a <c>mark</c> follows each spoken segment (Twilio echoes it when
/// played, and echoes the marks it drops on <c>clear</c>); <c>clear</c> flushes Twilio's buffer on barge-in.
/// Only the pacer sends audio, one frame at a time, so the frame buffers are reused.
/// </summary>
public sealed class TwilioTransport : IConversationTransport
{
    public const int SessionRate = 16000;
    private const int NarrowFrameBytes = 320;
    private readonly SocketConnection _connection;
    private readonly PcmResampler _downsampler = PcmResampler.Create(SessionRate, 8000);
    private readonly byte[] _narrow = new byte[NarrowFrameBytes * 2];
    private readonly byte[] _ulaw = new byte[NarrowFrameBytes];
    private readonly byte[] _prefix;
    private readonly byte[] _suffix = "\"}}"u8.ToArray();
    private readonly byte[] _media;
    private readonly byte[] _clear;
    private readonly string _streamSid;

    public TwilioTransport(SocketConnection connection, string streamSid)
    {
        _connection = connection;
        _streamSid = streamSid;
        _prefix = Encoding.UTF8.GetBytes($$"""{"event":"media","streamSid":"{{streamSid}}","media":{"payload":" """.TrimEnd());
        _media = new byte[_prefix.Length + Base64.GetMaxEncodedToUtf8Length(_ulaw.Length) + _suffix.Length];
        _prefix.CopyTo(_media, 0);
        _clear = Encoding.UTF8.GetBytes($$"""{"event":"clear","streamSid":"{{streamSid}}"}""");
    }

    public string Name => "twilio";

    public TimeSpan FarEndBuffer => TimeSpan.FromMilliseconds(40);

    public bool ConsentPlayedByProvider => true;

    public bool ReportsPlayout => true;

    public ValueTask SendAudioAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        var narrow = _downsampler.Process(frame.Span, _narrow);
        var samples = narrow / 2;
        MuLaw.Encode(_narrow.AsSpan(0, narrow), _ulaw);
        Base64.EncodeToUtf8(_ulaw.AsSpan(0, samples), _media.AsSpan(_prefix.Length), out _, out var written);
        var end = _prefix.Length + written;
        _suffix.CopyTo(_media, end);
        return _connection.SendAsync(_media.AsMemory(0, end + _suffix.Length), WebSocketMessageType.Text, cancellationToken);
    }

    public ValueTask SendEventAsync(ConversationEvent conversationEvent, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask SendMarkAsync(string name, CancellationToken cancellationToken) =>
        _connection.SendAsync(JsonSerializer.SerializeToUtf8Bytes(new { @event = "mark", streamSid = _streamSid, mark = new { name } }), WebSocketMessageType.Text, cancellationToken);

    public ValueTask FlushPlaybackAsync(CancellationToken cancellationToken) =>
        _connection.SendAsync(_clear, WebSocketMessageType.Text, cancellationToken);
}

namespace Invorto.Application.Conversations.Transport;

/// <summary>
/// The far end of a conversation (a client WebSocket, a Jambonz listen socket, a Twilio media stream) as the engine
/// sees it: 20 ms PCM16 frames at the session's sample rate out, protocol events out, a flush of whatever the far end
/// still buffers, and the end. Implementations serialise their own sends; the engine calls from several threads.
/// </summary>
public interface IConversationTransport
{
    /// <summary>The transport's name in the timeline and the heartbeat: <c>web</c>, <c>jambonz</c> or <c>twilio</c>.</summary>
    string Name { get; }

    /// <summary>How much agent audio the far end holds before playing it; subtracted from what was sent when a turn is cut.</summary>
    TimeSpan FarEndBuffer { get; }

    /// <summary>True when the telephony provider already played the consent prompt before the stream opened.</summary>
    bool ConsentPlayedByProvider { get; }

    /// <summary>True when the far end answers a mark with a playout report (Jambonz and Twilio marks).</summary>
    bool ReportsPlayout { get; }

    ValueTask SendAudioAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken);

    ValueTask SendEventAsync(ConversationEvent conversationEvent, CancellationToken cancellationToken);

    /// <summary>
    /// Places a named mark after the audio sent so far; a far end that <see cref="ReportsPlayout"/> reports it back when
    /// its playback reaches the mark (<see cref="Engine.ConversationSession.ReceivePlayoutMark"/>). Others ignore it.
    /// </summary>
    ValueTask SendMarkAsync(string name, CancellationToken cancellationToken);

    /// <summary>Drops the agent audio the far end has not played yet (<c>killAudio</c>, <c>clear</c>, <c>control.bargein</c>).</summary>
    ValueTask FlushPlaybackAsync(CancellationToken cancellationToken);
}

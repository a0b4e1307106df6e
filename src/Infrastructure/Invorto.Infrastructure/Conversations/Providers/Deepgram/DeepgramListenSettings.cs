namespace Invorto.Infrastructure.Conversations.Providers.Deepgram;

/// <summary>How a Deepgram listen stream behaves on our side: buffering, keep-alives and how long it waits on the wire.</summary>
public sealed record DeepgramListenSettings
{
    public static DeepgramListenSettings Default { get; } = new();

    /// <summary>
    /// Checked on this period: a period in which no audio was sent ends with a <c>KeepAlive</c>, so the wire is never
    /// quiet for much more than two periods (Deepgram closes a stream after 10 s of nothing).
    /// </summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Audio held while the socket connects or stalls; beyond it <c>Write</c> drops and counts.</summary>
    public TimeSpan MaxBufferedAudio { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The WebSocket upgrade, from the TCP connect to the 101 answer.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>After <c>CloseStream</c>, how long to wait for Deepgram to send its last results and close.</summary>
    public TimeSpan FinalResultsTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The close handshake we start ourselves when Deepgram did not close in time; then the socket is aborted.</summary>
    public TimeSpan CloseHandshakeTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Deepgram's <c>utterance_end_ms</c>: the word gap after which it sends <c>UtteranceEnd</c>.</summary>
    public int UtteranceEndMs { get; init; } = 1000;
}

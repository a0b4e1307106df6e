namespace Invorto.Application.Conversations.Engine;

/// <summary>Tunables of the conversation engine that are not part of an agent's configuration.</summary>
public sealed record ConversationOptions
{
    public const int FrameMs = 20;

    /// <summary>Inbound frames held before the recognizer is fed (3 × 20 ms absorbs the stalls measured on a shared box).</summary>
    public int JitterTargetFrames { get; init; } = 3;

    public int JitterMaxFrames { get; init; } = 10;

    /// <summary>
    /// Synthesized agent audio queued ahead of the pacer (10 × 20 ms = 200 ms, several times the 20–65 ms stalls measured on
    /// a shared box; the synthesizer resumes at half, 100 ms ahead); the synthesizer's stream waits when it is full, so a
    /// provider that sends faster than real time is held back by its connection rather than by queued frames in memory.
    /// </summary>
    public int OutboundQueueFrames { get; init; } = 10;

    /// <summary>How long, beyond the far end's buffer, the session waits for the playout report of its goodbye before ending.</summary>
    public TimeSpan PlayoutReportTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Agent audio frame buffers kept for reuse across sessions (640 bytes each at most).</summary>
    public int FramePoolCapacity { get; init; } = 32_768;

    /// <summary>After an interruption that never becomes a turn, the agent resumes within this time.</summary>
    public TimeSpan ResumeAfterInterruption { get; init; } = TimeSpan.FromSeconds(2);

    public int MaxToolRounds { get; init; } = 3;

    /// <summary>Messages the conversation history keeps; older ones are dropped (a tool call with its result).</summary>
    public int HistoryMaxMessages { get; init; } = 64;

    /// <summary>Characters of message text the conversation history keeps; older messages are dropped beyond it.</summary>
    public int HistoryMaxChars { get; init; } = 32_000;

    /// <summary>How often the pacer visits each session; a session's 20 ms schedule lives on this grid.</summary>
    public int PacerTickMs { get; init; } = 5;

    /// <summary>Threads that pace outbound audio; sessions are spread over them.</summary>
    public int PacerThreads { get; init; } = Math.Max(1, Environment.ProcessorCount);

    public string GoodbyeText { get; init; } = "Thank you for calling. Goodbye.";

    /// <summary>What the caller hears when no language model is left to answer, before the call ends (<c>provider_unavailable</c>).</summary>
    public string ApologyText { get; init; } = "I'm sorry, I'm having trouble right now. Please call again later. Goodbye.";
}

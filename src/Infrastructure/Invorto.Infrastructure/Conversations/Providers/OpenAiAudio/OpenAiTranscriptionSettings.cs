namespace Invorto.Infrastructure.Conversations.Providers.OpenAiAudio;

/// <summary>How caller audio is cut into utterances for a non-streaming transcription endpoint, and how each upload is retried.</summary>
public sealed record OpenAiTranscriptionSettings
{
    public static OpenAiTranscriptionSettings Default { get; } = new();

    /// <summary>Silence after speech that ends an utterance and sends it.</summary>
    public TimeSpan EndOfUtteranceSilence { get; init; } = TimeSpan.FromMilliseconds(400);

    /// <summary>Bursts with less voiced audio than this (a click, a cough) are not sent.</summary>
    public TimeSpan MinSpeech { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Longer speech is sent in pieces of this length, so a monologue still gets answered.</summary>
    public TimeSpan MaxUtterance { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Audio kept from before the detected onset, so the first syllable is not clipped.</summary>
    public TimeSpan PreRoll { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Utterances waiting while one is being transcribed; beyond it new ones are dropped and counted.</summary>
    public int MaxPendingUtterances { get; init; } = 4;

    /// <summary>One upload attempt, from sending to the whole answer (a CPU whisper server may need seconds).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Wait before the single retry of an attempt that failed with 5xx, a network error or a timeout.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The model when the agent names none.</summary>
    public string DefaultModel { get; init; } = "whisper-1";

    /// <summary>
    /// The confidence given to each final: the <c>json</c> answer carries none. The utterance was already closed by
    /// <see cref="EndOfUtteranceSilence"/>, so it is set above the usual endpointing thresholds (0.6–0.7).
    /// </summary>
    public double Confidence { get; init; } = 0.9;
}

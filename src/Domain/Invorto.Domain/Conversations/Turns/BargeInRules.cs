using System.Collections.Frozen;

namespace Invorto.Domain.Conversations.Turns;

/// <summary>
/// When caller speech interrupts the agent (spec §3 <c>interruptible</c>, <c>bargeIn</c>). <paramref name="Backchannels"/>
/// are words and phrases that acknowledge without taking the turn; they are matched word by word, ignoring case and
/// punctuation.
/// </summary>
public sealed record BargeInRules(bool Interruptible, int MinWords, int MinSpeechMs, IReadOnlySet<string> Backchannels)
{
    public IReadOnlySet<string> Backchannels { get; init; } = Backchannels ?? throw new ArgumentNullException(nameof(Backchannels));

    public static IReadOnlySet<string> DefaultBackchannels { get; } = new[]
    {
        "mhmm", "mhm", "mm", "hmm", "uh-huh", "uh huh", "ok", "okay", "yeah", "yes", "yep", "right", "sure", "alright", "got it", "i see",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The spec's defaults: interruptible, 2 words, 300 ms, the default backchannels.</summary>
    public static BargeInRules Default { get; } = new(true, 2, 300, DefaultBackchannels);
}

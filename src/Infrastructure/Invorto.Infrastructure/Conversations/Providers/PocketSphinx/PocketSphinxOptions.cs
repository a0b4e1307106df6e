using Microsoft.Extensions.Configuration;

namespace Invorto.Infrastructure.Conversations.Providers.PocketSphinx;

/// <summary>
/// Where the PocketSphinx model lives (Debian <c>pocketsphinx-en-us</c>) and how utterances are cut: a final result
/// <see cref="EndSilenceMs"/> after the caller stops, partial results every <see cref="PartialIntervalMs"/> of speech.
/// Decoders are pooled per agent version and sample rate.
/// </summary>
public sealed class PocketSphinxOptions
{
    public const string DefaultModelDirectory = "/usr/share/pocketsphinx/model/en-us";

    /// <summary>Holds the acoustic model folder <c>en-us</c> and the dictionary <c>cmudict-en-us.dict</c>.</summary>
    [ConfigurationKeyName("POCKETSPHINX_MODEL_DIR")]
    public string ModelDirectory { get; set; } = DefaultModelDirectory;

    [ConfigurationKeyName("POCKETSPHINX_END_SILENCE_MS")]
    public int EndSilenceMs { get; set; } = 300;

    [ConfigurationKeyName("POCKETSPHINX_PARTIAL_INTERVAL_MS")]
    public int PartialIntervalMs { get; set; } = 200;

    /// <summary>An utterance longer than this is finished (and a new one started) even if the caller has not paused.</summary>
    [ConfigurationKeyName("POCKETSPHINX_MAX_UTTERANCE_MS")]
    public int MaxUtteranceMs { get; set; } = 15_000;

    /// <summary>Audio kept from before the voice detector's onset, so a word's soft start is not cut.</summary>
    [ConfigurationKeyName("POCKETSPHINX_PREROLL_MS")]
    public int PrerollMs { get; set; } = 200;

    /// <summary>Idle decoders kept per agent version and sample rate (each holds about 4 MB).</summary>
    [ConfigurationKeyName("POCKETSPHINX_IDLE_DECODERS_PER_AGENT")]
    public int MaxIdleDecodersPerAgent { get; set; } = 4;

    /// <summary>Agent versions whose grammar and idle decoders are kept; the least recently used is dropped first.</summary>
    [ConfigurationKeyName("POCKETSPHINX_CACHED_AGENTS")]
    public int MaxCachedAgents { get; set; } = 64;

    public string AcousticModelPath => Path.Combine(ModelDirectory, "en-us");

    public string DictionaryPath => Path.Combine(ModelDirectory, "cmudict-en-us.dict");
}

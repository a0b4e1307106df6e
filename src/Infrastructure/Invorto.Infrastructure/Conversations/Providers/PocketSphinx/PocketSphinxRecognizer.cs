using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations.Providers;

namespace Invorto.Infrastructure.Conversations.Providers.PocketSphinx;

/// <summary>
/// Offline speech recognition with PocketSphinx (Debian <c>libpocketsphinx3</c> + <c>pocketsphinx-en-us</c>) against a
/// grammar of the agent's own vocabulary (<see cref="PocketSphinxGrammarBuilder"/>), built once per agent version
/// (<paramref name="agentId"/>, <paramref name="agentVersion"/>: a stored version never changes) and kept by the shared
/// <paramref name="model"/>. Create one per call; it takes 8 or 16 kHz PCM16 (8 kHz is converted to 16 kHz, at some cost
/// in accuracy: the model is a wideband one). Words outside the grammar are not recognized: the closest phrase comes out
/// with a low confidence (the general English model is not used as a fallback; see docs/benchmarks.md for why).
/// </summary>
public sealed class PocketSphinxRecognizer(PocketSphinxModel model, AgentConfig config, Guid agentId, int agentVersion) : ISpeechRecognizer
{
    public const string ProviderName = "pocketsphinx";

    /// <summary>For a configuration without its agent version: grammar and decoders are shared by equal vocabularies.</summary>
    public PocketSphinxRecognizer(PocketSphinxModel model, AgentConfig config)
        : this(model, config, PocketSphinxGrammarBuilder.VocabularyKey(config), 0)
    {
    }

    public IRecognitionStream Start(RecognitionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new PocketSphinxRecognitionStream(model, agentId, agentVersion, config, options.SampleRate);
    }
}

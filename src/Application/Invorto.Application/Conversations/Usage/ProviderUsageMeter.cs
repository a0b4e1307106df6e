using Invorto.Application.Conversations.Providers;

namespace Invorto.Application.Conversations.Usage;

/// <summary>
/// Counts, for one call, what each provider that really served it was given: seconds of caller audio per recognizer,
/// characters per voice, tokens per model (the provider's figures, or an estimate of four characters a token when a
/// server reports none). Attributed to the provider that served, so a failover is billed to the one that answered.
/// Thread-safe; cheap enough for every 20 ms frame.
/// </summary>
public sealed class ProviderUsageMeter
{
    private const double CharactersPerToken = 4.0;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _recognitionBytes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _recognitionRates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _characters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long In, long Out, bool Estimated)> _tokens = new(StringComparer.Ordinal);

    /// <param name="bytes">16-bit PCM bytes at <paramref name="sampleRate"/>.</param>
    public void Recognized(string provider, int bytes, int sampleRate)
    {
        lock (_gate)
        {
            _recognitionBytes[provider] = _recognitionBytes.GetValueOrDefault(provider) + bytes;
            _recognitionRates[provider] = sampleRate;
        }
    }

    public void Synthesized(string provider, int characters)
    {
        lock (_gate)
        {
            _characters[provider] = _characters.GetValueOrDefault(provider) + characters;
        }
    }

    public void Generated(string provider, TokenUsage? reported, int promptCharacters, int replyCharacters)
    {
        var tokensIn = reported?.InputTokens ?? (long)Math.Ceiling(promptCharacters / CharactersPerToken);
        var tokensOut = reported?.OutputTokens ?? (long)Math.Ceiling(replyCharacters / CharactersPerToken);
        lock (_gate)
        {
            var known = _tokens.GetValueOrDefault(provider);
            _tokens[provider] = (known.In + tokensIn, known.Out + tokensOut, known.Estimated || reported is null);
        }
    }

    public ConversationUsage Snapshot()
    {
        lock (_gate)
        {
            return new ConversationUsage(
                [.. _recognitionBytes.Select(entry => new RecognitionUse(entry.Key, Math.Round(entry.Value / 2.0 / _recognitionRates[entry.Key], 2)))],
                [.. _characters.Select(entry => new SynthesisUse(entry.Key, entry.Value))],
                [.. _tokens.Select(entry => new ModelUse(entry.Key, entry.Value.In, entry.Value.Out, entry.Value.Estimated))]);
        }
    }
}

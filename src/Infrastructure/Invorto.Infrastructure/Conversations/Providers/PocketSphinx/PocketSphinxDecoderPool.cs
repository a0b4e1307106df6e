namespace Invorto.Infrastructure.Conversations.Providers.PocketSphinx;

/// <summary>
/// The decoders of one agent version, kept by <see cref="PocketSphinxModel"/>: its grammar and the idle decoders, per input sample
/// rate (a decoder's cepstral mean adapts to the channel it hears, so 8 kHz telephone calls and 16 kHz web calls do not
/// share decoders). Guarded by the model's lock.
/// </summary>
internal sealed class PocketSphinxDecoderPool(PocketSphinxGrammar grammar)
{
    private readonly Dictionary<int, Stack<PocketSphinxDecoder>> _idle = [];

    public PocketSphinxGrammar Grammar { get; } = grammar;

    public long LastUsed { get; set; }

    public int IdleCount(int inputRate) => _idle.TryGetValue(inputRate, out var idle) ? idle.Count : 0;

    public PocketSphinxDecoder? TakeIdle(int inputRate) =>
        _idle.TryGetValue(inputRate, out var idle) && idle.TryPop(out var decoder) ? decoder : null;

    public void PutIdle(PocketSphinxDecoder decoder)
    {
        if (!_idle.TryGetValue(decoder.InputRate, out var idle))
        {
            idle = new Stack<PocketSphinxDecoder>();
            _idle[decoder.InputRate] = idle;
        }

        idle.Push(decoder);
    }

    /// <summary>Removes and returns every idle decoder, for the caller to free outside the lock.</summary>
    public List<PocketSphinxDecoder> TakeAllIdle()
    {
        var all = _idle.Values.SelectMany(idle => idle).ToList();
        _idle.Clear();
        return all;
    }
}

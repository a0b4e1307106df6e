namespace Invorto.Application.Audio;

/// <summary>
/// RMS level of the caller's audio over consecutive windows of audio time (not wall time), for the
/// <c>emotion.window</c> event. Chunks may straddle window boundaries; a chunk longer than a whole window
/// reports only the latest window it completes.
/// </summary>
public sealed class EnergyMeter
{
    private readonly int _windowSamples;
    private long _sumOfSquares;
    private int _samples;
    private bool _speaking;

    public EnergyMeter(int sampleRate, int windowMs = 250)
    {
        _windowSamples = Pcm16.SamplesPerFrame(sampleRate, windowMs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_windowSamples, nameof(windowMs));
    }

    /// <summary>Adds a chunk; true when it completed a window, returned in <paramref name="window"/>.</summary>
    /// <param name="pcm16">The caller's audio.</param>
    /// <param name="speaking">Whether the voice activity detector found voice in this chunk.</param>
    /// <param name="window">The completed window, or default.</param>
    public bool Add(ReadOnlySpan<byte> pcm16, bool speaking, out EnergyWindow window)
    {
        var samples = Pcm16.AsSamples(pcm16);
        var completed = false;
        window = default;
        while (!samples.IsEmpty)
        {
            var take = Math.Min(samples.Length, _windowSamples - _samples);
            _sumOfSquares += Pcm16.SumOfSquares(samples[..take]);
            _samples += take;
            _speaking |= speaking;
            samples = samples[take..];

            if (_samples == _windowSamples)
            {
                window = new EnergyWindow(Pcm16.ToDbfs(_sumOfSquares, _samples), _speaking);
                completed = true;
                _sumOfSquares = 0;
                _samples = 0;
                _speaking = false;
            }
        }

        return completed;
    }
}

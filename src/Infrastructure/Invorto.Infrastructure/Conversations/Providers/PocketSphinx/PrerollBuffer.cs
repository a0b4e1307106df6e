namespace Invorto.Infrastructure.Conversations.Providers.PocketSphinx;

/// <summary>The most recent PCM16 samples up to a fixed capacity, oldest first when read out.</summary>
internal sealed class PrerollBuffer(int capacitySamples)
{
    private readonly short[] _ring = new short[Math.Max(1, capacitySamples)];
    private int _start;
    private int _count;

    public int Count => _count;

    public void Push(ReadOnlySpan<short> samples)
    {
        if (capacitySamples <= 0)
        {
            return;
        }

        if (samples.Length >= _ring.Length)
        {
            samples[^_ring.Length..].CopyTo(_ring);
            _start = 0;
            _count = _ring.Length;
            return;
        }

        foreach (var sample in samples)
        {
            _ring[(_start + _count) % _ring.Length] = sample;
            if (_count < _ring.Length)
            {
                _count++;
            }
            else
            {
                _start = (_start + 1) % _ring.Length;
            }
        }
    }

    /// <summary>Hands the held samples to <paramref name="consumer"/> in order (in at most two pieces) and empties the buffer.</summary>
    public void Drain(Action<ReadOnlyMemory<short>> consumer)
    {
        var first = Math.Min(_count, _ring.Length - _start);
        if (first > 0)
        {
            consumer(_ring.AsMemory(_start, first));
        }

        if (_count > first)
        {
            consumer(_ring.AsMemory(0, _count - first));
        }

        _start = 0;
        _count = 0;
    }
}

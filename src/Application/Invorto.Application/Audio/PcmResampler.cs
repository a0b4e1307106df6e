namespace Invorto.Application.Audio;

/// <summary>
/// Converts PCM16 mono between 8 kHz (telephony) and 16 kHz (recognizers, synthesizers) with a 63-tap Kaiser
/// half-band FIR (pass band to about 3.4 kHz, over 60 dB stop band from about 4.6 kHz). The filter history
/// survives between calls, so processing a stream frame by frame gives exactly the output of one big block.
/// </summary>
public sealed class PcmResampler
{
    private const int HalfTaps = 16;
    private const int Taps = (4 * HalfTaps) - 1;
    private const int Centre = (2 * HalfTaps) - 1;

    private static readonly float[] SideTaps = BuildSideTaps();

    private readonly Mode _mode;
    private readonly float[] _line;
    private readonly int _lineLength;
    private int _position;
    private int _pending;

    private PcmResampler(int fromRate, int toRate, Mode mode)
    {
        FromRate = fromRate;
        ToRate = toRate;
        _mode = mode;
        _lineLength = mode switch
        {
            Mode.Down => Taps,
            Mode.Up => 2 * HalfTaps,
            _ => 0,
        };
        _line = new float[2 * _lineLength];
    }

    private enum Mode
    {
        Identity,
        Up,
        Down,
    }

    public int FromRate { get; }

    public int ToRate { get; }

    /// <summary>Supports 8000 → 16000, 16000 → 8000 and any rate to itself.</summary>
    public static PcmResampler Create(int fromRate, int toRate) => (fromRate, toRate) switch
    {
        (8000, 16000) => new PcmResampler(fromRate, toRate, Mode.Up),
        (16000, 8000) => new PcmResampler(fromRate, toRate, Mode.Down),
        _ when fromRate == toRate && fromRate > 0 => new PcmResampler(fromRate, toRate, Mode.Identity),
        _ => throw new ArgumentOutOfRangeException(nameof(toRate), $"Resampling {fromRate} Hz to {toRate} Hz is not supported; only 8000 <-> 16000 and identity are."),
    };

    /// <summary>The exact number of bytes the next <see cref="Process"/> call writes for <paramref name="inputBytes"/>.</summary>
    public int OutputBytes(int inputBytes)
    {
        EnsureWholeSamples(inputBytes, nameof(inputBytes));
        var samples = inputBytes / Pcm16.BytesPerSample;
        return _mode switch
        {
            Mode.Up => inputBytes * 2,
            Mode.Down => (_pending + samples) / 2 * Pcm16.BytesPerSample,
            _ => inputBytes,
        };
    }

    /// <summary>Resamples whole PCM16 samples; returns the bytes written to <paramref name="output"/>.</summary>
    public int Process(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var needed = OutputBytes(input.Length);
        if (output.Length < needed)
        {
            throw new ArgumentException($"The destination holds {output.Length} bytes; {needed} are needed.", nameof(output));
        }

        switch (_mode)
        {
            case Mode.Up:
                Upsample(Pcm16.AsSamples(input), Pcm16.AsSamples(output));
                break;
            case Mode.Down:
                Downsample(Pcm16.AsSamples(input), Pcm16.AsSamples(output));
                break;
            default:
                input.CopyTo(output);
                break;
        }

        return needed;
    }

    public void Reset()
    {
        Array.Clear(_line);
        _position = 0;
        _pending = 0;
    }

    private static void EnsureWholeSamples(int bytes, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes, name);
        if (bytes % Pcm16.BytesPerSample != 0)
        {
            throw new ArgumentException($"PCM16 input is whole samples; {bytes} bytes is not.", name);
        }
    }

    private void Upsample(ReadOnlySpan<short> input, Span<short> output)
    {
        var taps = SideTaps;
        var o = 0;
        foreach (var sample in input)
        {
            var window = Push(Pcm16.ToHost(sample));
            var sum = 0f;
            for (var j = 0; j < HalfTaps; j++)
            {
                sum += taps[j] * (window[HalfTaps + j] + window[HalfTaps - 1 - j]);
            }

            output[o++] = Pcm16.ToHost(ToSample(2 * sum));
            output[o++] = Pcm16.ToHost(ToSample(window[HalfTaps]));
        }
    }

    private void Downsample(ReadOnlySpan<short> input, Span<short> output)
    {
        var taps = SideTaps;
        var o = 0;
        foreach (var sample in input)
        {
            var window = Push(Pcm16.ToHost(sample));
            if (++_pending < 2)
            {
                continue;
            }

            _pending = 0;
            var sum = 0.5f * window[Centre];
            for (var j = 0; j < HalfTaps; j++)
            {
                var offset = (2 * j) + 1;
                sum += taps[j] * (window[Centre - offset] + window[Centre + offset]);
            }

            output[o++] = Pcm16.ToHost(ToSample(sum));
        }
    }

    /// <summary>Appends a sample to the delay line and returns the latest window, oldest first.</summary>
    private ReadOnlySpan<float> Push(short sample)
    {
        _line[_position] = sample;
        _line[_position + _lineLength] = sample;
        _position = _position + 1 == _lineLength ? 0 : _position + 1;
        return new ReadOnlySpan<float>(_line, _position, _lineLength);
    }

    private static short ToSample(float value) =>
        (short)Math.Clamp((int)MathF.Round(value), short.MinValue, short.MaxValue);

    /// <summary>The non-zero taps either side of the centre (offsets 1, 3, 5, ...), scaled so the DC gain is exactly 1.</summary>
    private static float[] BuildSideTaps()
    {
        var taps = new double[HalfTaps];
        var sum = 0.0;
        for (var j = 0; j < HalfTaps; j++)
        {
            var offset = (2 * j) + 1;
            var sinc = Math.Sin(Math.PI * offset / 2) / (Math.PI * offset);
            var ratio = (double)(Centre + offset) / Centre - 1;
            var window = KaiserWindow.At(ratio);
            taps[j] = sinc * window;
            sum += 2 * taps[j];
        }

        var result = new float[HalfTaps];
        for (var j = 0; j < HalfTaps; j++)
        {
            result[j] = (float)(taps[j] * 0.5 / sum);
        }

        return result;
    }
}

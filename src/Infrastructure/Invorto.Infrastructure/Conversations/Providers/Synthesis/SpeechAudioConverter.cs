using System.Buffers.Binary;
using Invorto.Application.Audio;

namespace Invorto.Infrastructure.Conversations.Providers.Synthesis;

/// <summary>
/// Turns a provider's audio stream, in the chunks the network delivers, into PCM16 mono at the call's rate: μ-law is
/// decoded, a sample split across two chunks is put back together, and another rate is resampled with its filter
/// state kept across chunks. The returned memory is this converter's own buffer, valid until the next call, so the
/// steady state allocates nothing.
/// </summary>
internal sealed class SpeechAudioConverter
{
    private readonly ProviderAudioEncoding _encoding;
    private readonly PolyphaseResampler? _resampler;
    private short[] _samples = new short[4096];
    private short[] _resampled = [];
    private byte[] _output = new byte[8192];
    private byte _carry;
    private bool _hasCarry;

    public SpeechAudioConverter(ProviderAudioFormat source, int targetRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(source.SampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetRate);
        _encoding = source.Encoding;
        _resampler = source.SampleRate == targetRate ? null : new PolyphaseResampler(source.SampleRate, targetRate);
    }

    public ReadOnlyMemory<byte> Convert(ReadOnlySpan<byte> input)
    {
        var count = Decode(input);
        if (_resampler is null)
        {
            return Encode(_samples.AsSpan(0, count));
        }

        EnsureCapacity(ref _resampled, _resampler.MaxOutputSamples(count));
        var produced = _resampler.Process(_samples.AsSpan(0, count), _resampled);
        return Encode(_resampled.AsSpan(0, produced));
    }

    /// <summary>Ends the stream: the resampler's held-back tail (a lone trailing byte is half a sample and is dropped).</summary>
    public ReadOnlyMemory<byte> Flush()
    {
        _hasCarry = false;
        if (_resampler is null)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        EnsureCapacity(ref _resampled, _resampler.MaxOutputSamples(0));
        var produced = _resampler.Flush(_resampled);
        return Encode(_resampled.AsSpan(0, produced));
    }

    private int Decode(ReadOnlySpan<byte> input)
    {
        if (_encoding == ProviderAudioEncoding.MuLaw)
        {
            EnsureCapacity(ref _samples, input.Length);
            for (var i = 0; i < input.Length; i++)
            {
                _samples[i] = MuLaw.Decode(input[i]);
            }

            return input.Length;
        }

        EnsureCapacity(ref _samples, (input.Length + 1) / Pcm16.BytesPerSample);
        var count = 0;
        var position = 0;
        if (_hasCarry && input.Length > 0)
        {
            _samples[count++] = (short)(_carry | (input[0] << 8));
            _hasCarry = false;
            position = 1;
        }

        for (; position + 1 < input.Length; position += Pcm16.BytesPerSample)
        {
            _samples[count++] = BinaryPrimitives.ReadInt16LittleEndian(input[position..]);
        }

        if (position < input.Length)
        {
            _carry = input[position];
            _hasCarry = true;
        }

        return count;
    }

    private ReadOnlyMemory<byte> Encode(ReadOnlySpan<short> samples)
    {
        var bytes = samples.Length * Pcm16.BytesPerSample;
        EnsureCapacity(ref _output, bytes);
        var output = _output.AsSpan();
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(output[(i * Pcm16.BytesPerSample)..], samples[i]);
        }

        return _output.AsMemory(0, bytes);
    }

    private static void EnsureCapacity<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            Array.Resize(ref buffer, Math.Max(length, buffer.Length * 2));
        }
    }
}

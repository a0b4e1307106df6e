using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Invorto.Application.Conversations.Providers;

namespace Invorto.Infrastructure.Conversations.Scripted;

/// <summary>
/// "Speaks" a 250 Hz tone at about −18 dBFS, as long as the text would take to say
/// (<see cref="ScriptedProviderOptions.MillisecondsPerCharacter"/>), in 100 ms chunks, as fast as it is read.
/// One period of the tone is computed once per sample rate and copied, so hundreds of sessions cost little. Its latency
/// passes on <paramref name="time"/> (the system clock unless a test gives it a fake one).
/// </summary>
public sealed class ScriptedSpeechSynthesizer(ScriptedProviderOptions options, ScriptedProviderCounters counters, TimeProvider? time = null) : ISpeechSynthesizer
{
    private const int ChunkMs = 100;
    private const int ToneHz = 250;
    private const double Amplitude = 0.177;
    private readonly byte[] _period8k = Period(8000);
    private readonly byte[] _period16k = Period(16000);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> SynthesizeAsync(SpeechRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        counters.SynthesisOpened();
        var chunkBytes = request.SampleRate * ChunkMs / 1000 * 2;
        var buffer = ArrayPool<byte>.Shared.Rent(chunkBytes);
        try
        {
            if (options.SynthesizerLatencyMs > 0)
            {
                await counters.LatencyAsync(options.SynthesizerLatencyMs, _time, cancellationToken);
            }

            var period = request.SampleRate == 8000 ? _period8k : _period16k;
            var totalBytes = (long)Math.Max(200, request.Text.Length * options.MillisecondsPerCharacter) * request.SampleRate / 1000 * 2;
            var phase = 0;
            for (long written = 0; written < totalBytes;)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var count = (int)Math.Min(chunkBytes, totalBytes - written);
                for (var offset = 0; offset < count;)
                {
                    var take = Math.Min(period.Length - phase, count - offset);
                    period.AsSpan(phase, take).CopyTo(buffer.AsSpan(offset));
                    offset += take;
                    phase = (phase + take) % period.Length;
                }

                written += count;
                yield return buffer.AsMemory(0, count);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            counters.SynthesisClosed();
        }
    }

    private static byte[] Period(int sampleRate)
    {
        var samples = sampleRate / ToneHz;
        var period = new byte[samples * 2];
        for (var i = 0; i < samples; i++)
        {
            var value = (short)(Math.Sin(2 * Math.PI * i / samples) * Amplitude * short.MaxValue);
            BinaryPrimitives.WriteInt16LittleEndian(period.AsSpan(i * 2), value);
        }

        return period;
    }
}

using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Invorto.Application.Agents.Configuration;
using Invorto.Application.Audio;
using Invorto.Application.Conversations.Providers;

namespace Invorto.Infrastructure.Conversations.Providers.PocketSphinx;

/// <summary>
/// One call's recognition. <see cref="Write"/> copies the frame into a bounded queue (500 frames, 10 s of 20 ms frames;
/// beyond that frames are dropped and counted) and returns; a task on the thread pool converts the audio to 16 kHz, cuts
/// it into utterances with an energy voice detector (onset → a new utterance with the last
/// <see cref="PocketSphinxOptions.PrerollMs"/> before it; <see cref="PocketSphinxOptions.EndSilenceMs"/> of silence → its
/// end) and feeds a pooled decoder: the best words so far every <see cref="PocketSphinxOptions.PartialIntervalMs"/> of
/// audio as partial results, the final words with a confidence when the utterance ends (an empty final with confidence 0
/// when it held no word of the grammar). Timing follows the audio, not the wall clock. Fillers (um, uh, hmm) are matched
/// but not reported.
/// </summary>
internal sealed class PocketSphinxRecognitionStream : IRecognitionStream
{
    private const int QueueFrames = 500;

    /// <summary>Decoding passes after which a decoder counts as adapted to its channel; before that an utterance is decoded twice.</summary>
    private const int ColdPasses = 2;

    private static readonly string[] Fillers = ["um", "uh", "hmm"];

    private readonly PocketSphinxModel _model;
    private readonly PocketSphinxOptions _options;
    private readonly Guid _agentId;
    private readonly int _version;
    private readonly AgentConfig _config;
    private readonly int _sampleRate;
    private readonly PcmResampler _resampler;
    private readonly VoiceActivityDetector _voice;
    private readonly PrerollBuffer _preroll;
    private readonly Channel<(byte[] Buffer, int Length)> _input = Channel.CreateBounded<(byte[], int)>(new BoundedChannelOptions(QueueFrames) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Channel<RecognitionResult> _results = Channel.CreateUnbounded<RecognitionResult>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _worker;
    private byte[] _converted = [];
    private short[] _utterance = [];
    private int _utteranceSamples;
    private bool _recording;
    private double _utteranceMs;
    private double _sincePartialMs;
    private string _lastPartial = string.Empty;
    private long _droppedBytes;
    private long _processedBytes;
    private int _disposed;

    public PocketSphinxRecognitionStream(PocketSphinxModel model, Guid agentId, int version, AgentConfig config, int sampleRate)
    {
        _resampler = PcmResampler.Create(sampleRate, PocketSphinxDecoder.SampleRate);
        _model = model;
        _options = model.Options;
        _agentId = agentId;
        _version = version;
        _config = config;
        _sampleRate = sampleRate;
        _voice = new VoiceActivityDetector(hangoverMs: _options.EndSilenceMs);
        _preroll = new PrerollBuffer(Pcm16.SamplesPerFrame(PocketSphinxDecoder.SampleRate, Math.Max(1, _options.PrerollMs)));
        _worker = Task.Run(RunAsync);
    }

    public ChannelReader<RecognitionResult> Results => _results.Reader;

    /// <summary>Audio dropped because the decoder fell more than the queue's length behind.</summary>
    public long DroppedBytes => Interlocked.Read(ref _droppedBytes);

    /// <summary>Audio the decoder has been through (results for it, if any, have been written).</summary>
    public long ProcessedBytes => Interlocked.Read(ref _processedBytes);

    public void Write(ReadOnlySpan<byte> pcm16)
    {
        if (pcm16.IsEmpty || Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        var length = pcm16.Length & ~1;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        pcm16[..length].CopyTo(buffer);
        if (!_input.Writer.TryWrite((buffer, length)))
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (Volatile.Read(ref _disposed) == 0)
            {
                Interlocked.Add(ref _droppedBytes, length);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _input.Writer.TryComplete();
        await _stop.CancelAsync();
        await _worker;
        while (_input.Reader.TryRead(out var left))
        {
            ArrayPool<byte>.Shared.Return(left.Buffer);
        }

        _results.Writer.TryComplete();
        _stop.Dispose();
    }

    private static string WithoutFillers(string hypothesis)
    {
        var words = hypothesis.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Any(word => Fillers.Contains(word))
            ? string.Join(' ', words.Where(word => !Fillers.Contains(word)))
            : string.Join(' ', words);
    }

    private async Task RunAsync()
    {
        PocketSphinxDecoder? decoder = null;
        try
        {
            decoder = _model.Rent(_agentId, _version, _config, _sampleRate);
            await foreach (var (buffer, length) in _input.Reader.ReadAllAsync(_stop.Token))
            {
                try
                {
                    Process(decoder, buffer.AsSpan(0, length));
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    Interlocked.Add(ref _processedBytes, length);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed: the audio still queued is not wanted any more.
        }
        catch (ProviderException exception)
        {
            _results.Writer.TryComplete(exception);
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            _results.Writer.TryComplete(new ProviderException(PocketSphinxRecognizer.ProviderName, ProviderFailureKind.Unavailable, "pocketsphinx is not installed: apt-get install libpocketsphinx3 pocketsphinx-en-us", exception));
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException)
        {
            _results.Writer.TryComplete(new ProviderException(PocketSphinxRecognizer.ProviderName, ProviderFailureKind.Protocol, "PocketSphinx could not prepare the agent's grammar.", exception));
        }
        finally
        {
            if (decoder is not null)
            {
                Release(decoder);
            }
        }
    }

    private void Release(PocketSphinxDecoder decoder)
    {
        if (decoder.InUtterance && !decoder.Faulted)
        {
            try
            {
                decoder.EndUtterance();
            }
            catch (ProviderException)
            {
                // The decoder is marked faulted and freed below.
            }
        }

        _model.Return(decoder);
    }

    private void Process(PocketSphinxDecoder decoder, ReadOnlySpan<byte> pcm16)
    {
        var bytes = _resampler.OutputBytes(pcm16.Length);
        if (_converted.Length < bytes)
        {
            _converted = new byte[Math.Max(bytes, _converted.Length * 2)];
        }

        var converted = _converted.AsSpan(0, _resampler.Process(pcm16, _converted));
        var samples = MemoryMarshal.Cast<byte, short>(converted);
        var activity = _voice.Process(converted, PocketSphinxDecoder.SampleRate);
        if (!decoder.InUtterance)
        {
            if (!activity.Onset)
            {
                _preroll.Push(samples);
                return;
            }

            Begin(decoder);
        }

        Feed(decoder, samples);
        var milliseconds = Pcm16.Duration(converted.Length, PocketSphinxDecoder.SampleRate).TotalMilliseconds;
        _utteranceMs += milliseconds;
        _sincePartialMs += milliseconds;
        if (activity.Offset)
        {
            Finish(decoder, _utteranceMs - _options.EndSilenceMs);
            return;
        }

        if (_utteranceMs >= _options.MaxUtteranceMs)
        {
            Finish(decoder, _utteranceMs);
            if (activity.Speaking)
            {
                Begin(decoder);
            }

            return;
        }

        if (_sincePartialMs >= _options.PartialIntervalMs)
        {
            _sincePartialMs = 0;
            var partial = WithoutFillers(decoder.PartialHypothesis());
            if (partial.Length > 0 && !string.Equals(partial, _lastPartial, StringComparison.Ordinal))
            {
                _lastPartial = partial;
                _results.Writer.TryWrite(new RecognitionResult(partial, false, 0));
            }
        }
    }

    private void Begin(PocketSphinxDecoder decoder)
    {
        decoder.StartUtterance();
        _recording = decoder.Utterances < ColdPasses;
        _utteranceSamples = 0;
        _preroll.Drain(held => Feed(decoder, held.Span));
        _utteranceMs = 0;
        _sincePartialMs = 0;
        _lastPartial = string.Empty;
    }

    /// <summary>
    /// Decodes the samples, and keeps them while the decoder is cold: its first utterance is decoded a second time with the
    /// cepstral mean the first pass left behind (on eSpeak speech that turned a miss into the right words, and cost
    /// 2–4 % of the utterance's length once per new decoder).
    /// </summary>
    private void Feed(PocketSphinxDecoder decoder, ReadOnlySpan<short> samples)
    {
        decoder.Process(samples);
        if (!_recording)
        {
            return;
        }

        if (_utterance.Length < _utteranceSamples + samples.Length)
        {
            Array.Resize(ref _utterance, Math.Max(_utteranceSamples + samples.Length, Math.Max(16_000, _utterance.Length * 2)));
        }

        samples.CopyTo(_utterance.AsSpan(_utteranceSamples));
        _utteranceSamples += samples.Length;
    }

    private void Finish(PocketSphinxDecoder decoder, double speechMs)
    {
        var utterance = decoder.EndUtterance();
        if (_recording)
        {
            _recording = false;
            utterance = decoder.Redecode(_utterance.AsSpan(0, _utteranceSamples));
        }

        var text = WithoutFillers(utterance.Text);
        var confidence = text.Length > 0 ? PocketSphinxConfidence.Estimate(utterance.WordFrames, utterance.AcousticScore, Math.Max(speechMs, PocketSphinxConfidence.FrameMs)) : 0;
        _results.Writer.TryWrite(new RecognitionResult(text, true, confidence));
        _lastPartial = string.Empty;
    }
}

using System.Buffers;
using Invorto.Application.Audio;

namespace Invorto.Infrastructure.Conversations.Providers.OpenAiAudio;

/// <summary>
/// Cuts a caller's audio into utterances with the energy voice detector: an utterance starts at an onset (with a
/// short pre-roll), ends when the detector's hangover (<see cref="OpenAiTranscriptionSettings.EndOfUtteranceSilence"/>)
/// runs out, and is cut at <see cref="OpenAiTranscriptionSettings.MaxUtterance"/> while speech goes on. Bursts with
/// less voice than <see cref="OpenAiTranscriptionSettings.MinSpeech"/> are discarded. Not thread-safe: one writer.
/// </summary>
internal sealed class OpenAiTranscriptionSegmenter : IDisposable
{
    private const int FrameMs = 20;

    private readonly int _sampleRate;
    private readonly Action<OpenAiTranscriptionUtterance> _completed;
    private readonly VoiceActivityDetector _detector;
    private readonly int _frameBytes;
    private readonly int _maxPcmBytes;
    private readonly TimeSpan _minSpeech;
    private readonly byte[] _preRoll;
    private int _preRollStart;
    private int _preRollCount;
    private byte[]? _utterance;
    private int _pcmBytes;
    private TimeSpan _speech;
    private TimeSpan _speechBeforeCut;
    private bool _continuation;

    public OpenAiTranscriptionSegmenter(int sampleRate, OpenAiTranscriptionSettings settings, Action<OpenAiTranscriptionUtterance> completed)
    {
        _sampleRate = sampleRate;
        _completed = completed;
        _detector = new VoiceActivityDetector(hangoverMs: (int)settings.EndOfUtteranceSilence.TotalMilliseconds);
        _frameBytes = Pcm16.BytesPerFrame(sampleRate, FrameMs);
        _maxPcmBytes = Pcm16.BytesPerFrame(sampleRate, (int)settings.MaxUtterance.TotalMilliseconds);
        _minSpeech = settings.MinSpeech;
        _preRoll = settings.PreRoll > TimeSpan.Zero ? new byte[Pcm16.BytesPerFrame(sampleRate, (int)settings.PreRoll.TotalMilliseconds)] : [];
    }

    public void Add(ReadOnlySpan<byte> pcm16)
    {
        pcm16 = pcm16[..(pcm16.Length & ~1)];
        while (!pcm16.IsEmpty)
        {
            var frame = pcm16[..Math.Min(_frameBytes, pcm16.Length)];
            pcm16 = pcm16[frame.Length..];
            AddFrame(frame);
        }
    }

    public void Dispose() => Discard();

    private void Discard()
    {
        if (_utterance is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            _utterance = null;
        }
    }

    private void AddFrame(ReadOnlySpan<byte> frame)
    {
        var activity = _detector.Process(frame, _sampleRate);
        if (_utterance is null)
        {
            if (!activity.Onset)
            {
                KeepForPreRoll(frame);
                return;
            }

            Begin(withPreRoll: true);
        }
        else if (_pcmBytes + frame.Length > _maxPcmBytes)
        {
            Complete();
            Begin(withPreRoll: false);
            _continuation = true;
            _speechBeforeCut = _detector.CurrentSpeechDuration;
        }

        Append(frame);
        if (activity.Speaking && _detector.CurrentSpeechDuration - _speechBeforeCut > _speech)
        {
            _speech = _detector.CurrentSpeechDuration - _speechBeforeCut;
        }

        if (activity.Offset)
        {
            // The rest of a cut utterance goes out if it holds any voice; a new burst needs MinSpeech of it.
            if (_continuation ? _speech > TimeSpan.Zero : _speech >= _minSpeech)
            {
                Complete();
            }
            else
            {
                Discard();
            }
        }
    }

    private void Begin(bool withPreRoll)
    {
        _utterance = ArrayPool<byte>.Shared.Rent(OpenAiTranscriptionWav.HeaderBytes + _maxPcmBytes);
        _pcmBytes = 0;
        _speech = TimeSpan.Zero;
        _speechBeforeCut = TimeSpan.Zero;
        _continuation = false;
        if (withPreRoll && _preRollCount > 0)
        {
            var firstPart = Math.Min(_preRollCount, _preRoll.Length - _preRollStart);
            Append(_preRoll.AsSpan(_preRollStart, firstPart));
            Append(_preRoll.AsSpan(0, _preRollCount - firstPart));
        }

        _preRollStart = 0;
        _preRollCount = 0;
    }

    private void Append(ReadOnlySpan<byte> pcm)
    {
        pcm.CopyTo(_utterance.AsSpan(OpenAiTranscriptionWav.HeaderBytes + _pcmBytes));
        _pcmBytes += pcm.Length;
    }

    private void Complete()
    {
        var buffer = _utterance!;
        _utterance = null;
        OpenAiTranscriptionWav.WriteHeader(buffer, _sampleRate, _pcmBytes);
        _completed(new OpenAiTranscriptionUtterance(buffer, OpenAiTranscriptionWav.HeaderBytes + _pcmBytes));
    }

    private void KeepForPreRoll(ReadOnlySpan<byte> frame)
    {
        if (_preRoll.Length == 0)
        {
            return;
        }

        if (frame.Length >= _preRoll.Length)
        {
            frame[^_preRoll.Length..].CopyTo(_preRoll);
            _preRollStart = 0;
            _preRollCount = _preRoll.Length;
            return;
        }

        var end = (_preRollStart + _preRollCount) % _preRoll.Length;
        var first = Math.Min(frame.Length, _preRoll.Length - end);
        frame[..first].CopyTo(_preRoll.AsSpan(end));
        frame[first..].CopyTo(_preRoll);
        var overwritten = _preRollCount + frame.Length - _preRoll.Length;
        if (overwritten > 0)
        {
            _preRollStart = (_preRollStart + overwritten) % _preRoll.Length;
            _preRollCount = _preRoll.Length;
        }
        else
        {
            _preRollCount += frame.Length;
        }
    }
}

using System.Diagnostics.CodeAnalysis;
using Invorto.Application.Audio;

namespace Invorto.Application.Conversations.Engine;

/// <summary>
/// The caller's audio on its way in: framed into 20 ms frames, measured (voice activity, the energy window) on the
/// transport's receive thread, then held in the jitter buffer until the pacer feeds the recognizer one frame per 20 ms.
/// The framer, detector and meter belong to the receive thread; the jitter buffer is guarded by the session's lock.
/// Frames are buffers of the session's frame pool: one is being filled, the rest are queued in the jitter buffer.
/// </summary>
internal sealed class InboundAudio
{
    private const double VoicedAboveFloorDb = 12;
    private const double VoicedMinDbfs = -45;
    private readonly int _sampleRate;
    private readonly int _frameBytes;
    private readonly IFrameBufferPool _pool;
    private readonly EngineClock _clock;
    private readonly VoiceActivityDetector _vad = new();
    private readonly EnergyMeter _energy;
    private readonly PcmFramer _framer;
    private readonly JitterBuffer _jitter;

    // Pacer thread only.
    private long _nextPopAt;

    public InboundAudio(int sampleRate, int frameBytes, IFrameBufferPool pool, ConversationOptions options, EngineClock clock)
    {
        _sampleRate = sampleRate;
        _frameBytes = frameBytes;
        _pool = pool;
        _clock = clock;
        _energy = new EnergyMeter(sampleRate);
        _framer = new PcmFramer(frameBytes);
        _jitter = new JitterBuffer(pool, frameBytes, options.JitterTargetFrames, options.JitterMaxFrames);
        Frame = pool.Rent(frameBytes);
    }

    /// <summary>The frame <see cref="TryReadFrame"/> just filled (receive thread), until <see cref="PushLocked"/> queues it.</summary>
    public byte[] Frame { get; private set; }

    /// <summary>The next whole frame of the caller's audio into <see cref="Frame"/>, consumed from the front of <paramref name="pcm16"/>.</summary>
    public bool TryReadFrame(ref ReadOnlySpan<byte> pcm16) => _framer.TryRead(ref pcm16, Frame.AsSpan(0, _frameBytes));

    /// <summary>Voice activity of <see cref="Frame"/>, and the energy window when one closes with it.</summary>
    public CallerFrame Analyse(ref EnergyWindow? energy)
    {
        var frame = Frame.AsSpan(0, _frameBytes);
        var activity = _vad.Process(frame, _sampleRate);
        if (_energy.Add(frame, activity.Speaking, out var window))
        {
            energy = window;
        }

        var voiced = activity.Speaking && activity.FrameDbfs >= VoicedMinDbfs && activity.FrameDbfs >= activity.NoiseFloorDb + VoicedAboveFloorDb;
        return new CallerFrame(activity, voiced);
    }

    /// <summary>Queues <see cref="Frame"/> in the jitter buffer and starts a new one.</summary>
    public void PushLocked()
    {
        _jitter.Push(Frame);
        Frame = _pool.Rent(_frameBytes);
    }

    /// <summary>
    /// On the pacer's tick: the next buffered frame, when one is due, for the recognizer; give it back with
    /// <see cref="Release"/> once written.
    /// </summary>
    public bool TryPopDueLocked(long now, [NotNullWhen(true)] out byte[]? frame)
    {
        frame = null;
        return _clock.Due(ref _nextPopAt, now) && _jitter.TryPop(out frame);
    }

    public void Release(byte[] frame) => _pool.Return(frame);

    /// <summary>The session is over: every frame back to the pool.</summary>
    public void ClearLocked() => _jitter.Clear();
}

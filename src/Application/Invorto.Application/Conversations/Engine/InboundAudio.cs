using Invorto.Application.Audio;

namespace Invorto.Application.Conversations.Engine;

/// <summary>
/// The caller's audio on its way in: framed into 20 ms frames, measured (voice activity, the energy window) on the
/// transport's receive thread, then held in the jitter buffer until the pacer feeds the recognizer one frame per 20 ms.
/// The framer, detector and meter belong to the receive thread; the jitter buffer is guarded by the session's lock.
/// </summary>
internal sealed class InboundAudio
{
    private const double VoicedAboveFloorDb = 12;
    private const double VoicedMinDbfs = -45;
    private readonly int _sampleRate;
    private readonly EngineClock _clock;
    private readonly VoiceActivityDetector _vad = new();
    private readonly EnergyMeter _energy;
    private readonly PcmFramer _framer;
    private readonly JitterBuffer _jitter;

    // Pacer thread only.
    private long _nextPopAt;

    public InboundAudio(int sampleRate, int frameBytes, ConversationOptions options, EngineClock clock)
    {
        _sampleRate = sampleRate;
        _clock = clock;
        _energy = new EnergyMeter(sampleRate);
        _framer = new PcmFramer(frameBytes);
        _jitter = new JitterBuffer(frameBytes, options.JitterTargetFrames, options.JitterMaxFrames);
        Frame = new byte[frameBytes];
        TickFrame = new byte[frameBytes];
    }

    /// <summary>The frame <see cref="TryReadFrame"/> just filled (receive thread).</summary>
    public byte[] Frame { get; }

    /// <summary>The frame <see cref="TryPopDueLocked"/> just filled, for the recognizer (pacer thread).</summary>
    public byte[] TickFrame { get; }

    public void Write(ReadOnlySpan<byte> pcm16) => _framer.Write(pcm16);

    public bool TryReadFrame() => _framer.TryRead(Frame);

    /// <summary>Voice activity of <see cref="Frame"/>, and the energy window when one closes with it.</summary>
    public CallerFrame Analyse(ref EnergyWindow? energy)
    {
        var activity = _vad.Process(Frame, _sampleRate);
        if (_energy.Add(Frame, activity.Speaking, out var window))
        {
            energy = window;
        }

        var voiced = activity.Speaking && activity.FrameDbfs >= VoicedMinDbfs && activity.FrameDbfs >= activity.NoiseFloorDb + VoicedAboveFloorDb;
        return new CallerFrame(activity, voiced);
    }

    public void PushLocked() => _jitter.Push(Frame);

    /// <summary>On the pacer's tick: the next buffered frame into <see cref="TickFrame"/> when one is due.</summary>
    public bool TryPopDueLocked(long now) => _clock.Due(ref _nextPopAt, now) && _jitter.TryPop(TickFrame);
}

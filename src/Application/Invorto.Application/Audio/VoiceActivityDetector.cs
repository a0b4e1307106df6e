namespace Invorto.Application.Audio;

/// <summary>
/// Energy voice activity detection for one audio stream. A frame is voiced when it is at least
/// <c>thresholdAboveFloorDb</c> over the noise floor and at least <c>minSpeechDbfs</c>. The floor is the minimum
/// frame level over the last three seconds (minimum statistics in 250 ms blocks): speech has quieter gaps within
/// that span, so it does not move the floor, while a steady noise becomes the floor within three seconds. Until
/// three seconds have been heard the floor counts as digital silence, so early speech is never missed.
/// Speaking lasts <c>hangoverMs</c> past the last voiced frame so that gaps between words do not end a burst.
/// </summary>
public sealed class VoiceActivityDetector
{
    private const int NoiseBlocks = 12;
    private static readonly long NoiseBlockTicks = TimeSpan.FromMilliseconds(250).Ticks;

    private readonly double _thresholdAboveFloorDb;
    private readonly double _minSpeechDbfs;
    private readonly long _hangoverTicks;
    private readonly double[] _blockMinimums = new double[NoiseBlocks];
    private int _nextBlock;
    private double _historyMinimum;
    private double _currentBlockMinimum;
    private long _currentBlockTicks;
    private bool _speaking;
    private long _burstTicks;
    private long _voicedTicks;
    private long _silenceTicks;

    public VoiceActivityDetector(double thresholdAboveFloorDb = 12, double minSpeechDbfs = -45, int hangoverMs = 200)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(thresholdAboveFloorDb);
        ArgumentOutOfRangeException.ThrowIfNegative(hangoverMs);
        _thresholdAboveFloorDb = thresholdAboveFloorDb;
        _minSpeechDbfs = minSpeechDbfs;
        _hangoverTicks = TimeSpan.FromMilliseconds(hangoverMs).Ticks;
        Reset();
    }

    /// <summary>The length of the ongoing burst from its onset to the end of its last voiced frame (zero when silent).</summary>
    public TimeSpan CurrentSpeechDuration => TimeSpan.FromTicks(_voicedTicks);

    /// <summary>Classifies one frame of PCM16 audio at <paramref name="sampleRate"/>.</summary>
    public VoiceActivity Process(ReadOnlySpan<byte> pcm16, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        var frameTicks = (long)(pcm16.Length / Pcm16.BytesPerSample) * TimeSpan.TicksPerSecond / sampleRate;
        var level = Pcm16.RmsDbfs(pcm16);
        var floor = TrackFloor(level, frameTicks);
        var voiced = level >= Math.Max(floor + _thresholdAboveFloorDb, _minSpeechDbfs);

        var onset = false;
        var offset = false;
        if (voiced)
        {
            if (!_speaking)
            {
                onset = true;
                _speaking = true;
                _burstTicks = 0;
            }

            _burstTicks += frameTicks;
            _voicedTicks = _burstTicks;
            _silenceTicks = 0;
        }
        else if (_speaking)
        {
            _burstTicks += frameTicks;
            _silenceTicks += frameTicks;
            if (_silenceTicks >= _hangoverTicks)
            {
                offset = true;
                _speaking = false;
                _burstTicks = 0;
                _voicedTicks = 0;
                _silenceTicks = 0;
            }
        }

        return new VoiceActivity(_speaking, onset, offset, level, floor);
    }

    public void Reset()
    {
        Array.Fill(_blockMinimums, Pcm16.SilenceDbfs);
        _nextBlock = 0;
        _historyMinimum = Pcm16.SilenceDbfs;
        _currentBlockMinimum = double.MaxValue;
        _currentBlockTicks = 0;
        _speaking = false;
        _burstTicks = 0;
        _voicedTicks = 0;
        _silenceTicks = 0;
    }

    private double TrackFloor(double level, long frameTicks)
    {
        _currentBlockMinimum = Math.Min(_currentBlockMinimum, level);
        var floor = Math.Min(_historyMinimum, _currentBlockMinimum);

        _currentBlockTicks += frameTicks;
        if (_currentBlockTicks >= NoiseBlockTicks)
        {
            _blockMinimums[_nextBlock] = _currentBlockMinimum;
            _nextBlock = (_nextBlock + 1) % NoiseBlocks;
            _currentBlockMinimum = double.MaxValue;
            _currentBlockTicks = 0;

            var minimum = double.MaxValue;
            foreach (var blockMinimum in _blockMinimums)
            {
                minimum = Math.Min(minimum, blockMinimum);
            }

            _historyMinimum = minimum;
        }

        return floor;
    }
}

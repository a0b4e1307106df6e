using Invorto.Application.Audio;
using Invorto.Application.Conversations.Engine;

namespace Invorto.Application.Tests.Audio;

/// <summary>The audio path allocates nothing per frame once warmed up (architecture convention 12).</summary>
public sealed class SteadyStateAllocationTests
{
    private const int SampleRate = 16000;
    private const int FrameBytes = 640;

    private readonly byte[] _frame = Signals.ToBytes(Signals.Mix(Signals.SpeechBurst(SampleRate, 0.02, -20), Signals.Noise(SampleRate, 0.02, -45, seed: 5)));

    [Fact]
    public void Measuring_and_detecting_voice_allocate_nothing_per_frame()
    {
        var detector = new VoiceActivityDetector();
        var meter = new EnergyMeter(SampleRate);

        var bytes = AllocatedOverRuns(() =>
        {
            var activity = detector.Process(_frame, SampleRate);
            meter.Add(_frame, activity.Speaking, out _);
            _ = Pcm16.RmsDbfs(_frame);
        });

        bytes.ShouldBe(0);
    }

    [Fact]
    public void Resampling_and_companding_allocate_nothing_per_frame()
    {
        var down = PcmResampler.Create(16000, 8000);
        var up = PcmResampler.Create(8000, 16000);
        var narrow = new byte[FrameBytes / 2];
        var wide = new byte[FrameBytes];
        var ulaw = new byte[FrameBytes / 4];
        var alaw = new byte[FrameBytes / 4];

        var bytes = AllocatedOverRuns(() =>
        {
            down.Process(_frame, narrow);
            MuLaw.Encode(narrow, ulaw);
            MuLaw.Decode(ulaw, narrow);
            ALaw.Encode(narrow, alaw);
            ALaw.Decode(alaw, narrow);
            up.Process(narrow, wide);
        });

        bytes.ShouldBe(0);
    }

    [Fact]
    public void Framing_and_jitter_buffering_allocate_nothing_per_frame()
    {
        var pool = new AgentAudioFramePool(new ConversationOptions());
        var framer = new PcmFramer(FrameBytes);
        var jitter = new JitterBuffer(pool, FrameBytes);
        var frame = pool.Rent(FrameBytes);

        var bytes = AllocatedOverRuns(() =>
        {
            ReadOnlySpan<byte> first = _frame.AsSpan(0, 333);
            ReadOnlySpan<byte> second = _frame.AsSpan(333);
            while (framer.TryRead(ref first, frame.AsSpan(0, FrameBytes)) || framer.TryRead(ref second, frame.AsSpan(0, FrameBytes)))
            {
                jitter.Push(frame);
                frame = pool.Rent(FrameBytes);
            }

            if (jitter.TryPop(out var played))
            {
                pool.Return(played);
            }
        });

        bytes.ShouldBe(0);
    }

    private static long AllocatedOverRuns(Action run)
    {
        for (var i = 0; i < 200; i++)
        {
            run();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 500; i++)
        {
            run();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}

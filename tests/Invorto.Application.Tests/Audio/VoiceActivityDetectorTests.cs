using Invorto.Application.Audio;

namespace Invorto.Application.Tests.Audio;

public sealed class VoiceActivityDetectorTests
{
    private const int SampleRate = 16000;
    private const int FrameBytes = 640;

    [Fact]
    public void Digital_silence_is_never_speech()
    {
        var results = Run(new VoiceActivityDetector(), Signals.Silence(SampleRate, 1));

        results.ShouldAllBe(r => !r.Speaking && !r.Onset && !r.Offset);
    }

    [Fact]
    public void A_burst_after_silence_has_its_onset_on_its_first_frame_and_its_offset_when_the_hangover_runs_out()
    {
        var audio = Signals.Concat(Signals.Silence(SampleRate, 0.4), Signals.SpeechBurst(SampleRate, 0.5, -20), Signals.Silence(SampleRate, 0.4));

        var results = Run(new VoiceActivityDetector(hangoverMs: 200), audio);

        Indices(results, r => r.Onset).ShouldBe(new[] { 20 });
        Indices(results, r => r.Offset).ShouldBe(new[] { 54 });
        Indices(results, r => r.Speaking).ShouldBe(Enumerable.Range(20, 34));
    }

    [Fact]
    public void A_pause_shorter_than_the_hangover_does_not_split_the_burst()
    {
        var audio = Signals.Concat(
            Signals.Silence(SampleRate, 0.2),
            Signals.SpeechBurst(SampleRate, 0.3, -20),
            Signals.Silence(SampleRate, 0.1),
            Signals.SpeechBurst(SampleRate, 0.3, -20),
            Signals.Silence(SampleRate, 0.4));

        var results = Run(new VoiceActivityDetector(hangoverMs: 200), audio);

        Indices(results, r => r.Onset).ShouldBe(new[] { 10 });
        Indices(results, r => r.Offset).ShouldBe(new[] { 54 });
    }

    [Fact]
    public void Speech_duration_counts_voiced_time_and_not_the_hangover()
    {
        var detector = new VoiceActivityDetector(hangoverMs: 200);
        Run(detector, Signals.Silence(SampleRate, 0.2));

        Run(detector, Signals.SpeechBurst(SampleRate, 0.1, -20));
        detector.CurrentSpeechDuration.ShouldBe(TimeSpan.FromMilliseconds(100));
        Run(detector, Signals.Silence(SampleRate, 0.1));
        detector.CurrentSpeechDuration.ShouldBe(TimeSpan.FromMilliseconds(100));
        Run(detector, Signals.Silence(SampleRate, 0.1));

        detector.CurrentSpeechDuration.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void Steady_noise_stops_being_speech_once_the_floor_settles()
    {
        var detector = new VoiceActivityDetector();
        Run(detector, Signals.Noise(SampleRate, 4, -40, seed: 1));

        var settled = Run(detector, Signals.Noise(SampleRate, 1, -40, seed: 2));

        settled.ShouldAllBe(r => !r.Speaking && !r.Onset);
        settled.Last().NoiseFloorDb.ShouldBe(-40, 2);
    }

    [Fact]
    public void Speech_20_db_over_settled_noise_is_speech()
    {
        var detector = new VoiceActivityDetector();
        Run(detector, Signals.Noise(SampleRate, 4, -40, seed: 1));

        var results = Run(detector, Signals.Mix(Signals.SpeechBurst(SampleRate, 1, -20), Signals.Noise(SampleRate, 1, -40, seed: 3)));

        results[0].Onset.ShouldBeTrue();
        results.ShouldAllBe(r => r.Speaking);
        detector.CurrentSpeechDuration.ShouldBe(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Telephone_rate_frames_are_timed_by_their_own_sample_rate()
    {
        var detector = new VoiceActivityDetector(hangoverMs: 200);
        var audio = Signals.Concat(Signals.Silence(8000, 0.2), Signals.SpeechBurst(8000, 0.3, -20), Signals.Silence(8000, 0.4));

        var results = Signals.Frames(Signals.ToBytes(audio), 320).Select(frame => detector.Process(frame, 8000)).ToList();

        Indices(results, r => r.Onset).ShouldBe(new[] { 10 });
        Indices(results, r => r.Offset).ShouldBe(new[] { 34 });
    }

    [Fact]
    public void The_floor_follows_the_noise_down_at_once()
    {
        var detector = new VoiceActivityDetector();
        Run(detector, Signals.Noise(SampleRate, 4, -30, seed: 1));

        var quieter = Run(detector, Signals.Noise(SampleRate, 0.1, -50, seed: 2));

        quieter.Last().NoiseFloorDb.ShouldBeLessThan(-48);
    }

    [Fact]
    public void A_sound_below_the_minimum_speech_level_is_not_speech()
    {
        var audio = Signals.Concat(Signals.Silence(SampleRate, 0.5), Signals.SpeechBurst(SampleRate, 1, -50));

        var results = Run(new VoiceActivityDetector(minSpeechDbfs: -45), audio);

        results.ShouldAllBe(r => !r.Speaking);
    }

    [Fact]
    public void Reset_forgets_the_burst_and_the_noise_floor()
    {
        var detector = new VoiceActivityDetector();
        Run(detector, Signals.Noise(SampleRate, 4, -40, seed: 1));
        Run(detector, Signals.SpeechBurst(SampleRate, 0.2, -20));

        detector.Reset();
        var first = detector.Process(Signals.ToBytes(Signals.Noise(SampleRate, 0.02, -40, seed: 4)), SampleRate);

        first.NoiseFloorDb.ShouldBe(-100);
        first.Onset.ShouldBeTrue();
    }

    private static List<VoiceActivity> Run(VoiceActivityDetector detector, short[] samples) =>
        Signals.Frames(Signals.ToBytes(samples), FrameBytes).Select(frame => detector.Process(frame, SampleRate)).ToList();

    private static IEnumerable<int> Indices(List<VoiceActivity> results, Func<VoiceActivity, bool> predicate) =>
        results.Select((r, i) => (r, i)).Where(x => predicate(x.r)).Select(x => x.i);
}

using Invorto.Application.Audio;

namespace Invorto.Application.Tests.Audio;

public sealed class EnergyMeterTests
{
    private const int SampleRate = 16000;
    private const int FrameBytes = 640;

    [Fact]
    public void A_window_completes_every_250_ms_of_audio()
    {
        var meter = new EnergyMeter(SampleRate);
        var audio = Signals.ToBytes(Signals.Sine(1000, SampleRate, 1.0, amplitude: 1));

        var completedAt = new List<int>();
        var frame = 0;
        foreach (var chunk in Signals.Frames(audio, FrameBytes))
        {
            frame++;
            if (meter.Add(chunk, speaking: true, out _))
            {
                completedAt.Add(frame);
            }
        }

        completedAt.ShouldBe(new[] { 13, 25, 38, 50 });
    }

    [Fact]
    public void A_full_scale_sine_measures_about_minus_3_dbfs()
    {
        var windows = Measure(new EnergyMeter(SampleRate), Signals.Sine(1000, SampleRate, 1.0, amplitude: 1), speaking: true);

        windows.Count.ShouldBe(4);
        windows.ShouldAllBe(w => Math.Abs(w.EnergyDb - -3.01) < 0.05);
    }

    [Fact]
    public void Digital_silence_measures_minus_100()
    {
        var windows = Measure(new EnergyMeter(SampleRate), Signals.Silence(SampleRate, 0.5), speaking: false);

        windows.ShouldBe(new[] { new EnergyWindow(-100, false), new EnergyWindow(-100, false) });
    }

    [Fact]
    public void A_window_is_speaking_when_any_of_its_frames_was_voiced()
    {
        var meter = new EnergyMeter(SampleRate);
        var frame = new byte[FrameBytes];
        var results = new List<EnergyWindow>();

        for (var i = 0; i < 25; i++)
        {
            if (meter.Add(frame, speaking: i == 3, out var window))
            {
                results.Add(window);
            }
        }

        results.Select(w => w.Speaking).ShouldBe(new[] { true, false });
    }

    [Fact]
    public void A_window_straddling_frames_measures_only_its_own_audio()
    {
        var meter = new EnergyMeter(SampleRate);
        var loud = Signals.Sine(1000, SampleRate, 0.25, amplitude: 1);
        var audio = Signals.ToBytes(Signals.Concat(loud, Signals.Silence(SampleRate, 0.25)));

        var windows = new List<EnergyWindow>();
        foreach (var chunk in Signals.Frames(audio, FrameBytes))
        {
            if (meter.Add(chunk, speaking: false, out var window))
            {
                windows.Add(window);
            }
        }

        windows.Count.ShouldBe(2);
        windows[0].EnergyDb.ShouldBe(-3.01, 0.05);
        windows[1].EnergyDb.ShouldBe(-100);
    }

    private static List<EnergyWindow> Measure(EnergyMeter meter, short[] samples, bool speaking)
    {
        var windows = new List<EnergyWindow>();
        foreach (var chunk in Signals.Frames(Signals.ToBytes(samples), FrameBytes))
        {
            if (meter.Add(chunk, speaking, out var window))
            {
                windows.Add(window);
            }
        }

        return windows;
    }
}

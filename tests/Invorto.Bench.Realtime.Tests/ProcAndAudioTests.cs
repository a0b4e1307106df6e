using Invorto.Bench.Realtime;

namespace Invorto.Bench.Realtime.Tests;

public sealed class ProcAndAudioTests
{
    [Fact]
    public void Cpu_seconds_are_utime_plus_stime_even_when_the_command_has_spaces_and_parentheses()
    {
        const string Stat = "4242 (dotnet (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 130 0 0 20 0 12 0 100 200 300";

        ProcStat.CpuSeconds(Stat).ShouldBe(3.8);
    }

    [Fact]
    public void Steal_is_the_eighth_cpu_field_and_a_share_of_user_through_steal()
    {
        var before = ProcStat.MachineTicks("cpu  100 0 50 800 10 0 0 40 7 0");
        var after = ProcStat.MachineTicks("cpu  200 0 100 1550 10 0 0 140 9 0");

        before.ShouldBe((40L, 1000L));
        ProcStat.StealPercent(before, after).ShouldBe(10);
        ProcStat.StealPercent(before, null).ShouldBeNull();
        ProcStat.ReadMachineTicks().ShouldNotBeNull().Total.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Cpu_of_this_process_is_readable()
    {
        ProcStat.ReadCpuSeconds(Environment.ProcessId).ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(0);
        ProcStat.ReadCpuSeconds(null).ShouldBeNull();
    }

    [Fact]
    public void The_speech_burst_is_35_frames_of_640_bytes_at_minus_18_dbfs()
    {
        var burst = SpeechBurst.Build(700);

        burst.Length.ShouldBe(35);
        burst.ShouldAllBe(frame => frame.Length == 640);
        SpeechBurst.RmsDbfs(burst).ShouldBe(-18, tolerance: 0.1);
        SpeechBurst.RmsDbfs([new byte[640]]).ShouldBe(-100);
    }

    [Fact]
    public void Arguments_take_a_verb_and_several_values_per_option()
    {
        var arguments = Arguments.Parse(["aggregate", "--runs", "a.json", "b.json", "--quick", "--start", "50"]);

        arguments.Verb.ShouldBe("aggregate");
        arguments.All("runs").ShouldBe(["a.json", "b.json"]);
        arguments.Has("quick").ShouldBeTrue();
        arguments.Number("start", 100).ShouldBe(50);
        arguments.Number("step", 100).ShouldBe(100);
        Should.Throw<ArgumentException>(() => Arguments.Parse(["run", "stray"]));
    }
}

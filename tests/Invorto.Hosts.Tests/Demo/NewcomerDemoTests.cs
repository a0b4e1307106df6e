using System.Buffers.Binary;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Invorto.Local.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Hosts.Tests.Demo;

/// <summary>
/// The newcomer demo (<c>dotnet run --project src/Hosts/Invorto.Local -- demo</c>) run in-process, as the command runs
/// it: its own embedded platform, the local calendar tool, one web call on the offline providers. It needs eSpeak NG and
/// PocketSphinx, not PostgreSQL or Redis.
/// </summary>
[Collection(RealTimeAudioCollection.Name)]
public sealed class NewcomerDemoTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("invorto-demo-test-").FullName;

    [Fact]
    public async Task The_demo_call_is_recognized_books_through_the_tool_is_answered_and_leaves_both_sides_speech_in_wav_files()
    {
        using var printed = new StringWriter();

        // The demo's four services live in this test process beside the shared hosts: their meters get names of their own.
        var report = await DemoRunner.RunAsync(
            new DemoSettings(_output, DemoSettings.DefaultTimeout, builder => builder.Services.AddSingleton<IMeterFactory, IsolatedMeterFactory>()),
            printed,
            CancellationToken.None);

        var tool = report.ToolCall.ShouldNotBeNull();
        tool.Name.ShouldBe("book_meeting");
        tool.Succeeded.ShouldBeTrue(tool.Error);
        using (var received = JsonDocument.Parse(tool.ReceivedBodies.ShouldHaveSingleItem()))
        {
            received.RootElement.GetProperty("day").GetString().ShouldBe("tomorrow");
            received.RootElement.GetProperty("time").GetString().ShouldBe("morning");
        }

        tool.Result.ShouldNotBeNull().ShouldContain("\"bookingId\"");
        var callerLines = report.Transcript.Where(line => line.Speaker == "caller").Select(line => line.Text).ToList();
        var agentLines = report.Transcript.Where(line => line.Speaker == "agent").Select(line => line.Text).ToList();
        callerLines.ShouldContain(line => line.Contains("book a meeting", StringComparison.Ordinal));
        callerLines.ShouldContain(line => line.Contains("goodbye", StringComparison.Ordinal));
        agentLines.ShouldBe(
        [
            "Hello, this is the front desk. How can I help you?",
            "Done, your meeting is in the calendar. Is there anything else?",
            "You are welcome. Goodbye!",
        ]);
        report.EndReason.ShouldBe("agent");
        report.Turns.Count.ShouldBe(2);
        report.Turns[0].ServerSteps.ShouldContain(step => step.Name.StartsWith("tool book_meeting", StringComparison.Ordinal));

        report.Audio.Select(file => Path.GetFileName(file.Path)).ShouldBe(["caller.wav", "agent.wav", "call.wav"]);
        report.Audio.ShouldAllBe(file => Path.GetDirectoryName(file.Path) == _output);
        IsSpeech(await File.ReadAllBytesAsync(report.Audio[0].Path)).ShouldBeTrue("caller.wav holds the caller's speech");
        IsSpeech(await File.ReadAllBytesAsync(report.Audio[1].Path)).ShouldBeTrue("agent.wav holds the agent's speech");
        Channels(await File.ReadAllBytesAsync(report.Audio[2].Path)).ShouldBe(2);

        var text = printed.ToString();
        text.ShouldContain("Transcript");
        text.ShouldContain("{\"day\":\"tomorrow\",\"time\":\"morning\"}");
        text.ShouldContain("first agent audio");
        text.ShouldContain(report.Audio[1].Path);
    }

    [Fact]
    public async Task The_command_refuses_unknown_arguments_with_its_usage()
    {
        using var printed = new StringWriter();

        var exitCode = await DemoCommand.RunAsync(["demo", "--loud"], printed, CancellationToken.None);

        exitCode.ShouldBe(2);
        printed.ToString().ShouldContain("Usage: Invorto.Local demo");
    }

    public void Dispose() => Directory.Delete(_output, recursive: true);

    private static int Channels(byte[] wav) => BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(22));

    /// <summary>A 16 kHz mono PCM16 WAV with many loud 20 ms frames whose zero-crossing rates differ: speech, not a tone or silence.</summary>
    private static bool IsSpeech(byte[] wav)
    {
        if (wav.Length <= 44 || !wav.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !wav.AsSpan(8, 4).SequenceEqual("WAVE"u8)
            || Channels(wav) != 1 || BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(24)) != 16000)
        {
            return false;
        }

        var crossings = new List<int>();
        for (var offset = 44; offset + 640 <= wav.Length; offset += 640)
        {
            var frame = wav.AsSpan(offset, 640);
            double energy = 0;
            var crossed = 0;
            for (var i = 0; i < 320; i++)
            {
                var sample = BinaryPrimitives.ReadInt16LittleEndian(frame[(2 * i)..]);
                energy += (double)sample * sample;
                if (i > 0 && sample >= 0 != BinaryPrimitives.ReadInt16LittleEndian(frame[(2 * i - 2)..]) >= 0)
                {
                    crossed++;
                }
            }

            if (Math.Sqrt(energy / 320) > 300)
            {
                crossings.Add(crossed);
            }
        }

        return crossings.Count > 50 && crossings.Max() - crossings.Min() > 10;
    }
}

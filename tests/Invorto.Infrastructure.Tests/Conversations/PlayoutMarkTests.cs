using System.Text.Json;
using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations.Engine;
using Invorto.Application.Conversations.Transport;
using Shouldly;
using Xunit;

using static Invorto.Infrastructure.Tests.Conversations.FakeTimeEngineHarness;

namespace Invorto.Infrastructure.Tests.Conversations;

/// <summary>
/// Marks on a far end that reports playout (Jambonz, Twilio), in fake time: one after each spoken segment's last frame,
/// the reports on the timeline, and a goodbye that is played out before the session ends.
/// </summary>
public sealed class PlayoutMarkTests
{
    private const string Answer = "Sure, I can help with that. Our plans start at ninety nine rupees a month. Is there anything else?";

    private static AgentConfig HangsUpAfterOneSecondOfSilence() =>
        Agent(config => config with { EndCall = new EndCallSettings { SilenceHangupSec = 1 } });

    [Fact]
    public async Task Each_spoken_segment_is_followed_by_a_mark_after_its_last_frame()
    {
        await using var call = Start(Agent(), ["I would like to know about pricing"], answer: Answer, telephony: true);

        call.Caller.Say(1200);
        await call.RunUntilAsync(() => call.Timeline.Kinds.Contains("agent.turn"));

        var marks = call.Transport.Marks;
        marks.Count.ShouldBe(3, "one per sentence of the answer");
        marks.Select(mark => mark.Name).Distinct().Count().ShouldBe(3);
        marks.Select(mark => mark.FramesBefore).ShouldBeInOrder(SortDirection.Ascending);
        marks.Select(mark => mark.FramesBefore).Distinct().Count().ShouldBe(3);
        marks[^1].FramesBefore.ShouldBe(call.Transport.Frames, "the last mark follows the answer's last frame");
        marks[^1].At.ShouldBe(call.Transport.FrameTimes[^1], "in the same tick as that frame");
    }

    [Fact]
    public async Task A_goodbye_ends_the_call_only_when_the_far_end_reports_it_played()
    {
        var patient = new ConversationOptions { PlayoutReportTimeout = TimeSpan.FromMinutes(1) };
        await using var call = Start(HangsUpAfterOneSecondOfSilence(), ["unused"], conversation: patient, telephony: true);

        await call.RunUntilAsync(() => call.Timeline.Kinds.Contains("agent.turn"));
        var goodbye = call.Transport.Marks.ShouldHaveSingleItem();
        await call.RunForAsync(TimeSpan.FromSeconds(10));
        call.Session.Completion.IsCompleted.ShouldBeFalse("the goodbye may still be in the far end's buffer");

        call.Session.ReceivePlayoutMark(goodbye.Name, played: true);
        var reportedAt = call.Elapsed;
        var endedAt = await call.RunUntilAsync(call.Session.Completion);

        (await call.Session.Completion).ShouldBe(ConversationEndReasons.Silence);
        (endedAt - reportedAt).ShouldBeLessThanOrEqualTo(TimeSpan.FromMilliseconds(5), "the report ends the wait at once");
        var report = call.Timeline.Entries.Single(entry => entry.Kind == "agent.playout");
        using var payload = JsonDocument.Parse(report.PayloadJson!);
        payload.RootElement.GetProperty("mark").GetString().ShouldBe(goodbye.Name);
        payload.RootElement.GetProperty("played").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task A_goodbye_whose_playout_is_never_reported_still_ends_the_call_after_the_far_end_buffer_and_the_timeout()
    {
        var brief = new ConversationOptions { PlayoutReportTimeout = TimeSpan.FromMilliseconds(100) };
        await using var call = Start(HangsUpAfterOneSecondOfSilence(), ["unused"], conversation: brief, telephony: true);

        await call.RunUntilAsync(() => call.Timeline.Kinds.Contains("agent.turn"));
        var goodbyePlayedAt = call.At(call.Transport.Marks.ShouldHaveSingleItem().At);
        var endedAt = await call.RunUntilAsync(call.Session.Completion);

        (await call.Session.Completion).ShouldBe(ConversationEndReasons.Silence);
        call.Timeline.Kinds.ShouldContain("agent.playout_unreported");
        (endedAt - goodbyePlayedAt).ShouldBeInRange(TimeSpan.FromMilliseconds(180), TimeSpan.FromMilliseconds(180) + TimeSpan.FromMilliseconds(25), "the 80 ms buffer plus the 100 ms timeout");
    }

    [Fact]
    public async Task After_a_barge_in_a_report_on_the_cut_segment_is_not_playout_but_one_on_a_segment_heard_whole_is()
    {
        await using var call = Start(Agent(), ["I would like to know about pricing", "wait stop I have a question"], answer: Answer, telephony: true);
        call.Caller.Say(1200);
        await call.RunUntilAsync(() => call.Transport.Marks.Count >= 1);
        var first = call.Transport.Marks[0].Name;

        // The second sentence (1.4 s of audio) is playing when the caller interrupts; marks are numbered in order.
        call.Caller.Say(900);
        await call.RunUntilAsync(() => call.Transport.FlushTimes.Count == 1);
        var cut = "invorto-" + (int.Parse(first["invorto-".Length..], System.Globalization.CultureInfo.InvariantCulture) + 1);
        call.Session.ReceivePlayoutMark(first, played: true);
        call.Session.ReceivePlayoutMark(cut, played: true);

        var reports = call.Timeline.Entries.Where(entry => entry.Kind == "agent.playout")
            .Select(entry => JsonDocument.Parse(entry.PayloadJson!).RootElement)
            .ToDictionary(report => report.GetProperty("mark").GetString()!, report => report.GetProperty("played").GetBoolean());
        reports[first].ShouldBeTrue("the first sentence left whole before the barge-in");
        reports[cut].ShouldBeFalse("Twilio echoes the marks a clear dropped");
    }
}

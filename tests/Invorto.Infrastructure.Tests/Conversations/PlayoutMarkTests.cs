using System.Text.Json;
using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations.Engine;
using Invorto.Application.Conversations.Transport;
using Invorto.Infrastructure.Conversations.Fakes;
using Invorto.Testing;
using Invorto.Testing.Conversations;
using Shouldly;
using Xunit;

using static Invorto.Infrastructure.Tests.Conversations.EngineHarness;

namespace Invorto.Infrastructure.Tests.Conversations;

/// <summary>
/// Marks on a far end that reports playout (Jambonz, Twilio): one after each spoken segment's last frame, the reports
/// on the timeline, and a goodbye that is played out before the session ends.
/// </summary>
public sealed class PlayoutMarkTests
{
    private const string Answer = "Sure, I can help with that. Our plans start at ninety nine rupees a month. Is there anything else?";

    private static AgentConfig HangsUpAfterOneSecondOfSilence() =>
        EngineHarness.Agent(config => config with { EndCall = new EndCallSettings { SilenceHangupSec = 1 } });

    private static RecordingTransport Telephony() => new("jambonz", TimeSpan.FromMilliseconds(80), consentPlayedByProvider: true, reportsPlayout: true);

    [Fact]
    public async Task Each_spoken_segment_is_followed_by_a_mark_after_its_last_frame()
    {
        await using var call = EngineHarness.Start(EngineHarness.Agent(), ["I would like to know about pricing"], Telephony(), Fast(), Answer);

        call.Caller.Say(1200);
        await Until(() => call.Timeline.Kinds.Contains("agent.turn"));

        var marks = call.Transport.Marks;
        marks.Count.ShouldBe(3, "one per sentence of the answer");
        marks.Select(mark => mark.Name).Distinct().Count().ShouldBe(3);
        marks.Select(mark => mark.FramesBefore).ShouldBeInOrder(SortDirection.Ascending);
        marks.Select(mark => mark.FramesBefore).Distinct().Count().ShouldBe(3);
        marks[^1].FramesBefore.ShouldBe(call.Transport.Frames, "the last mark follows the answer's last frame");
    }

    [Fact]
    public async Task A_goodbye_ends_the_call_only_when_the_far_end_reports_it_played()
    {
        var patient = new ConversationOptions { PacerThreads = 1, PlayoutReportTimeout = TimeSpan.FromMinutes(1) };
        await using var call = EngineHarness.Start(HangsUpAfterOneSecondOfSilence(), ["unused"], Telephony(), Fast(), conversation: patient);

        await Until(() => call.Timeline.Kinds.Contains("agent.turn"));
        var goodbye = call.Transport.Marks.ShouldHaveSingleItem();
        await Task.Delay(200);
        call.Session.Completion.IsCompleted.ShouldBeFalse("the goodbye is still in the far end's buffer");

        call.Session.ReceivePlayoutMark(goodbye.Name, played: true);

        (await call.Session.Completion.WaitAsync(Patience)).ShouldBe(ConversationEndReasons.Silence);
        var report = call.Timeline.Entries.Single(entry => entry.Kind == "agent.playout");
        using var payload = JsonDocument.Parse(report.PayloadJson!);
        payload.RootElement.GetProperty("mark").GetString().ShouldBe(goodbye.Name);
        payload.RootElement.GetProperty("played").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task A_goodbye_whose_playout_is_never_reported_still_ends_the_call_after_the_timeout()
    {
        var brief = new ConversationOptions { PacerThreads = 1, PlayoutReportTimeout = TimeSpan.FromMilliseconds(100) };
        await using var call = EngineHarness.Start(HangsUpAfterOneSecondOfSilence(), ["unused"], Telephony(), Fast(), conversation: brief);

        (await call.Session.Completion.WaitAsync(Patience)).ShouldBe(ConversationEndReasons.Silence);

        call.Transport.Marks.ShouldHaveSingleItem();
        call.Timeline.Kinds.ShouldContain("agent.playout_unreported");
    }

    [Fact]
    public async Task After_a_barge_in_a_report_on_the_cut_segment_is_not_playout_but_one_on_a_segment_heard_whole_is()
    {
        await using var call = EngineHarness.Start(EngineHarness.Agent(), ["I would like to know about pricing", "wait stop I have a question"], Telephony(), Fast(), Answer);
        call.Caller.Say(1200);
        await Until(() => call.Transport.Marks.Count >= 1);
        var first = call.Transport.Marks[0].Name;

        // The second sentence (1.4 s of audio) is playing when the caller interrupts; marks are numbered in order.
        call.Caller.Say(900);
        await Until(() => call.Transport.FlushTimes.Count == 1);
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

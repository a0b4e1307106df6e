using System.Text.Json;
using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations.Providers;
using Invorto.Application.Conversations.Transport;
using Invorto.Infrastructure.Conversations.Scripted;
using Shouldly;
using Xunit;

using static Invorto.Infrastructure.Tests.Conversations.FakeTimeEngineHarness;

namespace Invorto.Infrastructure.Tests.Conversations;

/// <summary>
/// Whole conversations on the engine with synthesized caller audio (speech-like bursts and silence) and the deterministic
/// fake providers, in fake time: the turn-taking rules of spec §8 end to end, without sockets, exact to the frame.
/// </summary>
public sealed class ConversationScenarioTests
{
    private const string Answer = "Sure, I can help with that. Our plans start at ninety nine rupees a month, and you can change or cancel them at any time. Is there anything else I can do?";

    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task A_caller_turn_is_ended_by_endpointing_and_answered_with_streamed_text_and_audio()
    {
        await using var call = Start(Agent(), ["I would like to know about pricing"], answer: Answer);

        var spoken = call.Caller.Say(1200).Finished;
        await call.RunUntilAsync(() => call.Timeline.Kinds.Contains("agent.turn"));

        call.Transport.EventsOf<TranscriptFinal>().Single().Text.ShouldBe("I would like to know about pricing");
        string.Concat(call.Transport.EventsOf<AgentTextDelta>().Select(delta => delta.Text)).ShouldBe(Answer);
        call.Transport.Frames.ShouldBeGreaterThanOrEqualTo((Answer.Length - 2) * 30 / 20, "the whole answer (its sentences without the spaces between them) was played");
        call.Transport.FrameTimes.Zip(call.Transport.FrameTimes.Skip(1), (before, after) => call.Clock.GetElapsedTime(before, after)).Distinct()
            .ShouldBe([Frame], "one frame every 20 ms, without gaps");
        call.Session.History.Select(message => (message.Role, message.Content)).ShouldBe(
            [(ChatRole.User, "I would like to know about pricing"), (ChatRole.Assistant, Answer)]);
        call.Timeline.Kinds.ShouldContain("stt.final");
        call.Timeline.Kinds.ShouldContain("llm.first_token");
        call.Timeline.Kinds.ShouldContain("tts.first_chunk");
        call.Session.Turns.ShouldBe(1);
        spoken.IsCompleted.ShouldBeTrue();
    }

    [Fact]
    public async Task The_turn_ends_once_the_endpointing_silence_has_passed_after_the_last_word()
    {
        await using var call = Start(Agent(), ["I would like to know about pricing"], answer: Answer);

        var spoken = call.Caller.Say(1200).Finished;
        var speechEnded = await call.RunUntilAsync(spoken);
        var answeredAt = await call.RunUntilAsync(() => call.Transport.EventsOf<TranscriptFinal>().Any());

        // The recognizer's final comes 100 ms into the pause; endpointing waits its 200 ms of silence from the last voiced frame.
        (answeredAt - speechEnded).ShouldBeInRange(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200) + (2 * Frame));
    }

    [Fact]
    public async Task Provider_latencies_on_the_fake_clock_are_the_measured_first_token_and_first_audio_latencies()
    {
        var options = new ScriptedProviderOptions { MillisecondsPerCharacter = 30, LanguageModelLatencyMs = 300, SynthesizerLatencyMs = 150 };
        await using var call = Start(Agent(), ["I would like to know about pricing"], options, Answer);
        call.Caller.Say(1200);

        var answeredAt = await call.RunUntilAsync(() => call.Transport.EventsOf<TranscriptFinal>().Any());
        var firstFrameAt = await call.RunUntilAsync(() => call.Transport.Frames > 0);

        Milliseconds(call, "llm.first_token").ShouldBe(300);
        Milliseconds(call, "tts.first_chunk").ShouldBe(150);
        (firstFrameAt - answeredAt).ShouldBeInRange(TimeSpan.FromMilliseconds(450), TimeSpan.FromMilliseconds(455), "the first frame leaves at the next tick");
    }

    [Fact]
    public async Task An_interruption_stops_the_audio_at_once_keeps_only_what_was_played_and_the_agent_answers_the_new_turn()
    {
        await using var call = Start(Agent(), ["I would like to know about pricing", "wait stop I have a question"], answer: Answer);
        call.Caller.Say(1200);
        await call.RunUntilAsync(() => call.Transport.Frames >= 50);

        call.Caller.Say(900);
        await call.RunUntilAsync(() => call.Transport.FlushTimes.Count == 1);
        var flushedAt = call.Transport.FlushTimes[0];

        await call.RunUntilAsync(() => call.Transport.EventsOf<TranscriptFinal>().Count() == 2);
        call.Transport.FramesAfter(flushedAt).ShouldBe(0, "no frame of the cut reply leaves after the barge-in");
        var assistant = call.Session.History.First(message => message.Role == ChatRole.Assistant).Content;
        assistant.ShouldNotBeEmpty();
        assistant.Length.ShouldBeLessThan(Answer.Length);
        Answer.ShouldStartWith(assistant);
        call.Timeline.Kinds.ShouldContain("bargein");

        await call.RunUntilAsync(() => call.Transport.FramesAfter(flushedAt) > 25);
        call.Session.History.Select(message => message.Role).ShouldBe([ChatRole.User, ChatRole.Assistant, ChatRole.User, ChatRole.Assistant]);
    }

    [Fact]
    public async Task Backchannels_while_the_agent_speaks_do_not_interrupt_it_nor_become_turns()
    {
        // The "okay" burst outlasts minSpeechMs, so only its words keep it from interrupting.
        var agent = Agent(config => config with { BargeIn = new BargeInSettings { MinSpeechMs = 600 } });
        await using var call = Start(agent, ["I would like to know about pricing", "mhmm", "okay"], answer: Answer);
        call.Caller.Say(1200);
        await call.RunUntilAsync(() => call.Transport.Frames >= 25);

        await call.RunUntilAsync(call.Caller.Say(250).Finished);
        await call.RunUntilAsync(call.Caller.Pause(600).Finished);
        await call.RunUntilAsync(call.Caller.Say(900).Finished);
        await call.RunUntilAsync(() => call.Timeline.Kinds.Contains("agent.turn"));
        await call.RunUntilAsync(call.Caller.Pause(600).Finished);

        call.Transport.FlushTimes.ShouldBeEmpty();
        call.Timeline.Kinds.ShouldNotContain("bargein");
        call.Session.History.Select(message => (message.Role, message.Content)).ShouldBe(
            [(ChatRole.User, "I would like to know about pricing"), (ChatRole.Assistant, Answer)]);
        call.Session.Turns.ShouldBe(1);
    }

    [Fact]
    public async Task After_an_interruption_without_words_the_agent_resumes_what_it_had_not_said()
    {
        var options = new ScriptedProviderOptions { MillisecondsPerCharacter = 30, FirstWordMs = 4000 };
        var agent = Agent(config => config with { FirstMessage = Answer, BargeIn = new BargeInSettings { MinWords = 2, MinSpeechMs = 200 } });
        await using var call = Start(agent, ["never recognised"], options);
        await call.RunUntilAsync(() => call.Transport.Frames >= 40);

        var spoken = await call.RunUntilAsync(call.Caller.Say(400).Finished);
        var resumedAt = await call.RunUntilAsync(() => call.Timeline.Kinds.Contains("agent.resumed"));
        var flushedAt = call.Transport.FlushTimes.ShouldHaveSingleItem();
        await call.RunUntilAsync(() => call.Transport.FramesAfter(flushedAt) > 25);

        var said = call.Session.History.Where(message => message.Role == ChatRole.Assistant).Select(message => message.Content).ToList();
        said.Count.ShouldBe(2);
        Answer.ShouldStartWith(said[0]);
        Answer.ShouldEndWith(said[1]);
        (resumedAt - call.At(flushedAt)).ShouldBeInRange(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2) + Frame, "the agent resumes ResumeAfterInterruption after the cut");
        resumedAt.ShouldBeGreaterThan(spoken, "not while the caller speaks");
    }

    [Fact]
    public async Task Silence_beyond_the_limit_ends_the_call_with_a_goodbye()
    {
        var agent = Agent(config => config with { EndCall = new EndCallSettings { SilenceHangupSec = 1 } });
        await using var call = Start(agent, ["hello there"]);

        var endingAt = await call.RunUntilAsync(() => call.Timeline.Kinds.Contains("call.ending"));
        await call.RunUntilAsync(call.Session.Completion);

        endingAt.ShouldBeInRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1) + Frame, "the silence limit, to the frame");
        (await call.Session.Completion).ShouldBe(ConversationEndReasons.Silence);
        call.Transport.Frames.ShouldBeGreaterThanOrEqualTo("Thank you for calling. Goodbye.".Length * 30 / 20, "the goodbye was spoken whole");
        call.Counters.Open.ShouldBe(0);
    }

    [Fact]
    public async Task Silence_is_counted_from_the_end_of_the_agents_last_words()
    {
        var agent = Agent(config => config with { FirstMessage = "Hello, how can I help?", EndCall = new EndCallSettings { SilenceHangupSec = 1 } });
        await using var call = Start(agent, ["unused"]);

        var endingAt = await call.RunUntilAsync(() => call.Timeline.Kinds.Contains("call.ending"));

        var greetingEndedAt = call.At(call.Transport.FrameTimes[^1]);
        greetingEndedAt.ShouldBeGreaterThan(TimeSpan.FromMilliseconds(600));
        (endingAt - greetingEndedAt).ShouldBeInRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), "limits are checked once a second");
    }

    [Fact]
    public async Task The_maximum_duration_ends_the_call()
    {
        var agent = Agent(config => config with { EndCall = new EndCallSettings { MaxDurationSec = 1, SilenceHangupSec = 60 } });
        await using var call = Start(agent, ["hello there"]);

        var endingAt = await call.RunUntilAsync(() => call.Timeline.Kinds.Contains("call.ending"));
        await call.RunUntilAsync(call.Session.Completion);

        endingAt.ShouldBeInRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1) + Frame);
        (await call.Session.Completion).ShouldBe(ConversationEndReasons.MaxDuration);
    }

    [Fact]
    public async Task An_end_call_phrase_lets_the_agent_answer_and_then_end_the_call()
    {
        await using var call = Start(Agent(), ["okay goodbye then"], answer: "Goodbye, and thank you.");
        call.Caller.Say(800);

        await call.RunUntilAsync(call.Session.Completion);

        (await call.Session.Completion).ShouldBe(ConversationEndReasons.Agent);
        call.Timeline.Kinds.ShouldContain("agent.turn");
        call.Transport.Frames.ShouldBeGreaterThanOrEqualTo("Goodbye, and thank you.".Length * 30 / 20, "the answer played whole before the end");
    }

    [Fact]
    public async Task A_caller_hanging_up_while_the_agent_speaks_leaves_nothing_open()
    {
        var call = Start(Agent(), ["I would like to know about pricing"], answer: Answer);
        call.Caller.Say(1200);
        await call.RunUntilAsync(() => call.Transport.Frames >= 10);

        await call.Session.DisposeAsync();

        (await call.Session.Completion).ShouldBe(ConversationEndReasons.Hangup);
        call.Counters.Open.ShouldBe(0);
        call.Pacer.Count.ShouldBe(0);
        call.Metrics.Live.ShouldBe(0);
        call.Timeline.Kinds.ShouldContain("session.ended");
        await call.DisposeAsync();
    }

    [Fact]
    public async Task The_consent_prompt_plays_first_and_cannot_be_talked_over()
    {
        var agent = Agent(config => config with { ConsentPrompt = "This call may be recorded for quality and training purposes.", FirstMessage = "Hello, how can I help?" });
        await using var call = Start(agent, ["talking over the consent prompt"]);

        await call.RunUntilAsync(call.Caller.Say(500).Finished);
        await call.RunUntilAsync(() => call.Timeline.Kinds.Contains("agent.turn"));

        call.Timeline.Kinds.ShouldContain("consent.played");
        call.Transport.FlushTimes.ShouldBeEmpty();
        call.Transport.EventsOf<TranscriptFinal>().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_client_side_tool_call_goes_to_the_client_and_its_raw_result_is_never_spoken()
    {
        var tool = new ToolDefinition { Name = "get_order_status", ClientSide = true };
        var agent = Agent(config => config with { Tools = [tool] });
        await using var call = Start(agent, ["what is my order status"]);
        call.Caller.Say(1000);

        await call.RunUntilAsync(() => call.Transport.EventsOf<ToolCallRequested>().Any());
        var request = call.Transport.EventsOf<ToolCallRequested>().Single();
        request.Name.ShouldBe("get_order_status");
        call.Session.ReceiveToolResult(request.Id, """{"status":"SHIPPED-XYZ"}""").ShouldBeTrue();
        await call.RunUntilAsync(() => call.Timeline.Kinds.Contains("agent.turn"));

        var spoken = string.Concat(call.Transport.EventsOf<AgentTextDelta>().Select(delta => delta.Text));
        spoken.ShouldNotContain("SHIPPED-XYZ");
        spoken.ShouldNotBeEmpty();
        call.Timeline.Kinds.ShouldContain("tool.requested");
        call.Timeline.Kinds.ShouldContain("tool.succeeded");
    }

    [Fact]
    public async Task Digits_are_a_turn_of_their_own_and_a_timeline_fact()
    {
        await using var call = Start(Agent(), ["unused"]);

        call.Session.ReceiveDigits("5");
        await call.RunUntilAsync(() => call.Transport.EventsOf<TranscriptFinal>().Any());

        call.Transport.EventsOf<TranscriptFinal>().Single().Text.ShouldBe("(pressed 5)");
        var dtmf = call.Timeline.Entries.Single(entry => entry.Kind == "dtmf");
        JsonDocument.Parse(dtmf.PayloadJson!).RootElement.GetProperty("digits").GetString().ShouldBe("5");
    }

    [Fact]
    public async Task The_energy_meter_reports_every_quarter_second_with_digital_silence_at_minus_100()
    {
        await using var call = Start(Agent(), ["hello there"]);
        var second = await call.RunUntilAsync(() => call.Transport.EventsOf<EnergyMeasured>().Count() >= 2);
        call.Transport.EventsOf<EnergyMeasured>().First().ShouldBe(new EnergyMeasured(-100, false));
        second.ShouldBe(TimeSpan.FromMilliseconds(500));

        await call.RunUntilAsync(call.Caller.Say(600).Finished);
        await call.RunUntilAsync(() => call.Transport.EventsOf<EnergyMeasured>().Any(window => window.Speaking));
        call.Transport.EventsOf<EnergyMeasured>().First(window => window.Speaking).EnergyDb.ShouldBeInRange(-30, -10);
    }

    private static double Milliseconds(FakeTimeEngineHarness call, string kind) =>
        JsonDocument.Parse(call.Timeline.Entries.Single(entry => entry.Kind == kind).PayloadJson!).RootElement.GetProperty("ms").GetDouble();
}

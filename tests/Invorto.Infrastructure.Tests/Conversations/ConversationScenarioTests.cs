using System.Text.Json;
using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations.Providers;
using Invorto.Application.Conversations.Transport;
using Invorto.Infrastructure.Conversations.Fakes;
using Invorto.Testing;
using Shouldly;
using Xunit;

using static Invorto.Infrastructure.Tests.Conversations.EngineHarness;

namespace Invorto.Infrastructure.Tests.Conversations;

/// <summary>
/// Whole conversations on the engine with synthesized caller audio streamed in real time (speech-like bursts and
/// silence) and the deterministic fake providers: the turn-taking rules of spec §8 end to end, without sockets.
/// </summary>
public sealed class ConversationScenarioTests
{
    private const string Answer = "Sure, I can help with that. Our plans start at ninety nine rupees a month, and you can change or cancel them at any time. Is there anything else I can do?";

    [Fact]
    public async Task A_caller_turn_is_ended_by_endpointing_and_answered_with_streamed_text_and_audio()
    {
        await using var call = EngineHarness.Start(EngineHarness.Agent(), ["I would like to know about pricing"], options: Fast(), answer: Answer);

        call.Caller.Say(1200);
        await Until(() => call.Timeline.Kinds.Contains("agent.turn"));

        call.Transport.EventsOf<TranscriptFinal>().Single().Text.ShouldBe("I would like to know about pricing");
        string.Concat(call.Transport.EventsOf<AgentTextDelta>().Select(delta => delta.Text)).ShouldBe(Answer);
        call.Transport.Frames.ShouldBeGreaterThan(100);
        call.Session.History.Select(message => (message.Role, message.Content)).ShouldBe(
            [(ChatRole.User, "I would like to know about pricing"), (ChatRole.Assistant, Answer)]);
        call.Timeline.Kinds.ShouldContain("stt.final");
        call.Timeline.Kinds.ShouldContain("llm.first_token");
        call.Timeline.Kinds.ShouldContain("tts.first_chunk");
        call.Session.Turns.ShouldBe(1);
    }

    [Fact]
    public async Task An_interruption_stops_the_audio_within_a_frame_keeps_only_what_was_played_and_the_agent_answers_the_new_turn()
    {
        await using var call = EngineHarness.Start(EngineHarness.Agent(), ["I would like to know about pricing", "wait stop I have a question"], options: Fast(), answer: Answer);
        call.Caller.Say(1200);
        await Until(() => call.Transport.Frames >= 50);

        call.Caller.Say(900);
        await Until(() => call.Transport.FlushTimes.Count == 1);
        var flushedAt = call.Transport.FlushTimes[0];

        await Until(() => call.Transport.EventsOf<TranscriptFinal>().Count() == 2);
        call.Transport.FramesAfter(flushedAt).ShouldBeLessThanOrEqualTo(1, "audio stops within one frame of the barge-in");
        var assistant = call.Session.History.First(message => message.Role == ChatRole.Assistant).Content;
        assistant.ShouldNotBeEmpty();
        assistant.Length.ShouldBeLessThan(Answer.Length);
        Answer.ShouldStartWith(assistant);
        call.Timeline.Kinds.ShouldContain("bargein");

        await Until(() => call.Transport.FramesAfter(flushedAt) > 25);
        call.Session.History.Select(message => message.Role).ShouldBe([ChatRole.User, ChatRole.Assistant, ChatRole.User, ChatRole.Assistant]);
    }

    [Fact]
    public async Task Backchannels_while_the_agent_speaks_do_not_interrupt_it_nor_become_turns()
    {
        // The "okay" burst outlasts minSpeechMs, so only its words keep it from interrupting; the 600 ms minimum leaves its
        // partial half a second to arrive even when the machine is busy (an empty partial lets duration decide).
        var agent = EngineHarness.Agent(config => config with { BargeIn = new BargeInSettings { MinSpeechMs = 600 } });
        await using var call = EngineHarness.Start(agent, ["I would like to know about pricing", "mhmm", "okay"], options: Fast(), answer: Answer);
        call.Caller.Say(1200);
        await Until(() => call.Transport.Frames >= 25);

        await call.Caller.Say(250).Finished;
        await call.Caller.Pause(600).Finished;
        await call.Caller.Say(900).Finished;
        await Until(() => call.Timeline.Kinds.Contains("agent.turn"));
        await call.Caller.Pause(600).Finished;

        call.Transport.FlushTimes.ShouldBeEmpty();
        call.Timeline.Kinds.ShouldNotContain("bargein");
        call.Session.History.Select(message => (message.Role, message.Content)).ShouldBe(
            [(ChatRole.User, "I would like to know about pricing"), (ChatRole.Assistant, Answer)]);
        call.Session.Turns.ShouldBe(1);
    }

    [Fact]
    public async Task After_an_interruption_without_words_the_agent_resumes_what_it_had_not_said()
    {
        var options = new FakeProviderOptions { MillisecondsPerCharacter = 30, FirstWordMs = 4000 };
        var agent = EngineHarness.Agent(config => config with { FirstMessage = Answer, BargeIn = new BargeInSettings { MinWords = 2, MinSpeechMs = 200 } });
        await using var call = EngineHarness.Start(agent, ["never recognised"], options: options);
        await Until(() => call.Transport.Frames >= 40);

        await call.Caller.Say(400).Finished;
        await Until(() => call.Timeline.Kinds.Contains("agent.resumed"));
        var flushedAt = call.Transport.FlushTimes.ShouldHaveSingleItem();
        await Until(() => call.Transport.FramesAfter(flushedAt) > 25);

        var said = call.Session.History.Where(message => message.Role == ChatRole.Assistant).Select(message => message.Content).ToList();
        said.Count.ShouldBe(2);
        Answer.ShouldStartWith(said[0]);
        Answer.ShouldEndWith(said[1]);
    }

    [Fact]
    public async Task Silence_beyond_the_limit_ends_the_call_with_a_goodbye()
    {
        var agent = EngineHarness.Agent(config => config with { EndCall = new EndCallSettings { SilenceHangupSec = 1 } });
        await using var call = EngineHarness.Start(agent, ["hello there"], options: Fast());

        var reason = await call.Session.Completion.WaitAsync(Patience);

        reason.ShouldBe(ConversationEndReasons.Silence);
        call.Timeline.Kinds.ShouldContain("call.ending");
        call.Transport.Frames.ShouldBeGreaterThan(0, "the goodbye was spoken");
        call.Counters.Open.ShouldBe(0);
    }

    [Fact]
    public async Task The_maximum_duration_ends_the_call()
    {
        var agent = EngineHarness.Agent(config => config with { EndCall = new EndCallSettings { MaxDurationSec = 1, SilenceHangupSec = 60 } });
        await using var call = EngineHarness.Start(agent, ["hello there"], options: Fast());

        (await call.Session.Completion.WaitAsync(Patience)).ShouldBe(ConversationEndReasons.MaxDuration);
    }

    [Fact]
    public async Task An_end_call_phrase_lets_the_agent_answer_and_then_end_the_call()
    {
        await using var call = EngineHarness.Start(EngineHarness.Agent(), ["okay goodbye then"], options: Fast(), answer: "Goodbye, and thank you.");
        call.Caller.Say(800);

        (await call.Session.Completion.WaitAsync(Patience)).ShouldBe(ConversationEndReasons.Agent);
        call.Timeline.Kinds.ShouldContain("agent.turn");
    }

    [Fact]
    public async Task A_caller_hanging_up_while_the_agent_speaks_leaves_nothing_open()
    {
        var call = EngineHarness.Start(EngineHarness.Agent(), ["I would like to know about pricing"], options: Fast(), answer: Answer);
        call.Caller.Say(1200);
        await Until(() => call.Transport.Frames >= 10);

        await call.Caller.DisposeAsync();
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
        var agent = EngineHarness.Agent(config => config with { ConsentPrompt = "This call may be recorded for quality and training purposes.", FirstMessage = "Hello, how can I help?" });
        await using var call = EngineHarness.Start(agent, ["talking over the consent prompt"], options: Fast());

        await call.Caller.Say(500).Finished;
        await Until(() => call.Timeline.Kinds.Contains("agent.turn"));

        call.Timeline.Kinds.ShouldContain("consent.played");
        call.Transport.FlushTimes.ShouldBeEmpty();
        call.Transport.EventsOf<TranscriptFinal>().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_tool_call_goes_to_the_client_and_its_raw_result_is_never_spoken()
    {
        var tool = new ToolDefinition { Name = "get_order_status", Url = "https://api.example.com/orders/{id}", Method = "GET" };
        var agent = EngineHarness.Agent(config => config with { Tools = [tool] });
        await using var call = EngineHarness.Start(agent, ["what is my order status"], options: Fast());
        call.Caller.Say(1000);

        await Until(() => call.Transport.EventsOf<ToolCallRequested>().Any());
        var request = call.Transport.EventsOf<ToolCallRequested>().Single();
        request.Name.ShouldBe("get_order_status");
        call.Session.ReceiveToolResult(request.Id, """{"status":"SHIPPED-XYZ"}""").ShouldBeTrue();
        await Until(() => call.Timeline.Kinds.Contains("agent.turn"));

        var spoken = string.Concat(call.Transport.EventsOf<AgentTextDelta>().Select(delta => delta.Text));
        spoken.ShouldNotContain("SHIPPED-XYZ");
        spoken.ShouldNotBeEmpty();
        call.Timeline.Kinds.ShouldContain("tool.requested");
        call.Timeline.Kinds.ShouldContain("tool.succeeded");
    }

    [Fact]
    public async Task Digits_are_a_turn_of_their_own_and_a_timeline_fact()
    {
        await using var call = EngineHarness.Start(EngineHarness.Agent(), ["unused"], options: Fast());

        call.Session.ReceiveDigits("5");
        await Until(() => call.Transport.EventsOf<TranscriptFinal>().Any());

        call.Transport.EventsOf<TranscriptFinal>().Single().Text.ShouldBe("(pressed 5)");
        var dtmf = call.Timeline.Entries.Single(entry => entry.Kind == "dtmf");
        JsonDocument.Parse(dtmf.PayloadJson!).RootElement.GetProperty("digits").GetString().ShouldBe("5");
    }

    [Fact]
    public async Task The_energy_meter_reports_every_quarter_second_with_digital_silence_at_minus_100()
    {
        await using var call = EngineHarness.Start(EngineHarness.Agent(), ["hello there"], options: Fast());
        await Until(() => call.Transport.EventsOf<EnergyMeasured>().Count() >= 2);
        call.Transport.EventsOf<EnergyMeasured>().First().ShouldBe(new EnergyMeasured(-100, false));

        await call.Caller.Say(600).Finished;
        await Until(() => call.Transport.EventsOf<EnergyMeasured>().Any(window => window.Speaking));
        call.Transport.EventsOf<EnergyMeasured>().First(window => window.Speaking).EnergyDb.ShouldBeInRange(-30, -10);
    }

}

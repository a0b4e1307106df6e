using Invorto.Application.Conversations.Providers;
using Invorto.Application.Conversations.Transport;
using Shouldly;
using Xunit;

using static Invorto.Infrastructure.Tests.Conversations.EngineHarness;

namespace Invorto.Infrastructure.Tests.Conversations;

/// <summary>
/// One conversation on the production wiring of time: the <see cref="Invorto.Application.Conversations.Engine.AudioPacer"/>'s
/// threads, the system clock and a caller streaming in real time. The rules themselves are specified in fake time
/// (<see cref="ConversationScenarioTests"/>); this only shows that the real clock drives the same engine.
/// </summary>
public sealed class RealTimeConversationTests
{
    [Fact]
    public async Task A_caller_turn_is_answered_on_the_real_pacer_and_clock()
    {
        await using var call = EngineHarness.Start(EngineHarness.Agent(), ["I would like to know about pricing"], options: Fast(), answer: "Sure, I can help with that.");

        call.Caller.Say(1200);
        await Until(() => call.Timeline.Kinds.Contains("agent.turn"));

        call.Transport.EventsOf<TranscriptFinal>().ShouldHaveSingleItem();
        call.Transport.Frames.ShouldBeGreaterThan(30);
        call.Session.History.Select(message => message.Role).ShouldBe([ChatRole.User, ChatRole.Assistant]);
    }
}

using System.Diagnostics.Metrics;
using Invorto.Application.Conversations.Engine;
using Invorto.Application.Conversations.Transport;
using NSubstitute;
using Shouldly;
using Xunit;

namespace Invorto.Application.Tests.Conversations.Engine;

public sealed class OutboundAudioTests
{
    private const int FrameBytes = 640;

    [Fact]
    public async Task A_full_queue_resumes_the_synthesizer_only_once_the_pacer_has_drained_it_to_half()
    {
        var (outbound, reply) = Outbound(capacity: 4);
        for (var i = 0; i < 4; i++)
        {
            (await Queue(outbound, reply)).ShouldBeTrue();
        }

        var fifth = outbound.QueueAsync(Frame(outbound, reply), CancellationToken.None).AsTask();
        outbound.TryTakeLocked(0, reply, out _).ShouldBe(OutboundTake.Frame);
        await Task.Yield();
        var waitingAtThree = !fifth.IsCompleted && outbound.WriterWaiting;
        outbound.TryTakeLocked(0, reply, out _).ShouldBe(OutboundTake.Frame);
        await fifth.WaitAsync(TimeSpan.FromSeconds(5));

        waitingAtThree.ShouldBeTrue("one free slot of four does not wake the synthesizer");
        outbound.WriterWaiting.ShouldBeFalse();
    }

    [Fact]
    public async Task Clearing_the_queue_for_a_barge_in_releases_a_waiting_synthesizer_and_drops_every_frame()
    {
        var (outbound, reply) = Outbound(capacity: 2);
        await Queue(outbound, reply);
        await Queue(outbound, reply);
        var waiting = outbound.QueueAsync(Frame(outbound, reply), CancellationToken.None).AsTask();

        outbound.Clear();
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        outbound.Clear();

        outbound.TryTakeLocked(0, reply, out _).ShouldBe(OutboundTake.Empty);
    }

    [Fact]
    public async Task Frames_of_a_reply_that_stopped_are_stale_and_never_sent()
    {
        var (outbound, reply) = Outbound(capacity: 4);
        await Queue(outbound, reply);

        reply.Close();

        outbound.TryTakeLocked(0, reply, out _).ShouldBe(OutboundTake.Empty);
    }

    [Fact]
    public async Task Queueing_after_the_session_ended_is_cancelled_and_returns_the_frame()
    {
        var (outbound, reply) = Outbound(capacity: 4);
        outbound.Complete();

        await Should.ThrowAsync<OperationCanceledException>(() => outbound.QueueAsync(Frame(outbound, reply), CancellationToken.None).AsTask());
    }

    private static (OutboundAudio Outbound, ReplyHandle Reply) Outbound(int capacity)
    {
        var meters = Substitute.For<IMeterFactory>();
        meters.Create(Arg.Any<MeterOptions>()).Returns(call => new Meter(call.Arg<MeterOptions>()));
        var options = new ConversationOptions { FramePoolCapacity = 16 };
        var outbound = new OutboundAudio(
            Substitute.For<IConversationTransport>(),
            new AgentAudioFramePool(options),
            new ConversationMetrics(meters),
            new EngineClock(TimeProvider.System),
            FrameBytes,
            capacity,
            _ => { },
            CancellationToken.None);
        return (outbound, new ReplyHandle(1, interruptible: true, turn: null, CancellationToken.None));
    }

    private static OutboundFrame Frame(OutboundAudio outbound, ReplyHandle reply) =>
        new(outbound.Rent(), reply.Id, reply.AddSegment("Hello.", "m")!);

    private static async Task<bool> Queue(OutboundAudio outbound, ReplyHandle reply)
    {
        var queueing = outbound.QueueAsync(Frame(outbound, reply), CancellationToken.None);
        var done = queueing.IsCompleted;
        await queueing;
        return done;
    }
}

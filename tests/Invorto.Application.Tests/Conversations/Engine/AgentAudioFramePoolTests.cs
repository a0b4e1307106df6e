using Invorto.Application.Conversations.Engine;
using Shouldly;
using Xunit;

namespace Invorto.Application.Tests.Conversations.Engine;

public sealed class AgentAudioFramePoolTests
{
    [Fact]
    public void A_returned_frame_is_rented_again_and_frames_are_the_largest_frame_size()
    {
        var pool = new AgentAudioFramePool(new ConversationOptions { FramePoolCapacity = 4 });

        var first = pool.Rent(320);
        pool.Return(first);
        var second = pool.Rent(640);

        first.Length.ShouldBe(AgentAudioFramePool.MaxFrameBytes);
        second.ShouldBeSameAs(first);
    }

    [Fact]
    public void The_pool_keeps_at_most_its_capacity_and_lends_new_frames_beyond_it()
    {
        var pool = new AgentAudioFramePool(new ConversationOptions { FramePoolCapacity = 2 });
        var lent = Enumerable.Range(0, 3).Select(_ => pool.Rent(640)).ToList();
        lent.Distinct().Count().ShouldBe(3);

        lent.ForEach(pool.Return);
        var again = Enumerable.Range(0, 3).Select(_ => pool.Rent(640)).ToList();

        again.Count(lent.Contains).ShouldBe(2);
    }

    [Fact]
    public void A_frame_larger_than_the_pool_serves_or_a_foreign_buffer_is_refused()
    {
        var pool = new AgentAudioFramePool(new ConversationOptions());

        Should.Throw<ArgumentOutOfRangeException>(() => pool.Rent(AgentAudioFramePool.MaxFrameBytes + 2));
        Should.Throw<ArgumentException>(() => pool.Return(new byte[1024]));
    }
}

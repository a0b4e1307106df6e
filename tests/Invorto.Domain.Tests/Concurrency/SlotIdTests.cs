using Invorto.Domain.Common;
using Invorto.Domain.Concurrency;

namespace Invorto.Domain.Tests.Concurrency;

public sealed class SlotIdTests
{
    [Fact]
    public void A_call_slot_is_the_call_id()
    {
        var callId = Guid.Parse("0193a0c2-7a41-7cc1-9d2e-1f6a2b3c4d5e");

        var slot = SlotId.ForCall(callId);

        slot.Value.ShouldBe("0193a0c2-7a41-7cc1-9d2e-1f6a2b3c4d5e");
    }

    [Fact]
    public void Two_slots_of_the_same_call_are_equal()
    {
        var callId = Guid.NewGuid();

        var first = SlotId.ForCall(callId);
        var second = SlotId.From(callId.ToString());

        first.ShouldBe(second);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("tab\there")]
    public void A_slot_id_with_nothing_or_whitespace_is_refused(string value)
    {
        var create = () => SlotId.From(value);

        create.ShouldThrow<DomainException>();
    }

    [Fact]
    public void A_slot_id_longer_than_the_maximum_is_refused()
    {
        var create = () => SlotId.From(new string('a', SlotId.MaxLength + 1));

        create.ShouldThrow<DomainException>();
    }

    [Fact]
    public void A_slot_needs_a_call_id()
    {
        var create = () => SlotId.ForCall(Guid.Empty);

        create.ShouldThrow<DomainException>();
    }
}

using Invorto.Realtime.Transports;

namespace Invorto.Hosts.Tests.Realtime;

public sealed class DtmfGateTests
{
    [Theory]
    [InlineData("5")]
    [InlineData("0123456789*#ABCD")]
    [InlineData("12345678901234567890123456789012")]
    public void Keypad_digits_up_to_32_are_accepted(string digits)
    {
        new DtmfGate().Admit(digits).ShouldBe(DtmfVerdict.Accepted);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("123456789012345678901234567890123")]
    [InlineData("5a")]
    [InlineData("E")]
    [InlineData("٣")]
    [InlineData("1 2")]
    public void Other_characters_empty_or_longer_messages_are_invalid(string? digits)
    {
        new DtmfGate().Admit(digits).ShouldBe(DtmfVerdict.Invalid);
    }

    [Fact]
    public void Messages_beyond_the_burst_are_over_the_rate_and_invalid_ones_spend_nothing()
    {
        var gate = new DtmfGate();

        var invalid = Enumerable.Range(0, 50).Select(_ => gate.Admit("X")).ToList();
        var verdicts = Enumerable.Range(0, DtmfGate.Burst + 5).Select(_ => gate.Admit("5")).ToList();

        invalid.ShouldAllBe(verdict => verdict == DtmfVerdict.Invalid);
        verdicts.Take(DtmfGate.Burst).ShouldAllBe(verdict => verdict == DtmfVerdict.Accepted);
        verdicts.Skip(DtmfGate.Burst + 1).ShouldAllBe(verdict => verdict == DtmfVerdict.OverRate);
    }
}

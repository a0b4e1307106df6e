using Invorto.Domain.Telephony;

namespace Invorto.Domain.Tests.Telephony;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("+919812345678", "+919812345678")]
    [InlineData("919812345678", "+919812345678")]
    [InlineData(" +1 (415) 555-0100 ", "+14155550100")]
    [InlineData("+44.20.7946.0958", "+442079460958")]
    public void Provider_variants_normalise_to_e164(string raw, string expected)
    {
        PhoneNumber.Parse(raw).Value.ShouldBe(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("+1234567")]
    [InlineData("+1234567890123456")]
    [InlineData("+0919812345678")]
    [InlineData("+91 98123 4567x")]
    [InlineData("91+9812345678")]
    [InlineData("sip:alice@example.com")]
    public void Non_e164_input_is_refused(string? raw)
    {
        PhoneNumber.TryParse(raw, out _).ShouldBeFalse();
    }
}

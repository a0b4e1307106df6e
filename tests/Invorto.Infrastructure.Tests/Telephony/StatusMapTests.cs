using Invorto.Domain.Calls;
using Invorto.Infrastructure.Telephony.Jambonz;
using Invorto.Infrastructure.Telephony.Twilio;

namespace Invorto.Infrastructure.Tests.Telephony;

public sealed class StatusMapTests
{
    [Theory]
    [InlineData("trying", CallStatus.Dialing)]
    [InlineData("queued", CallStatus.Dialing)]
    [InlineData("ringing", CallStatus.Ringing)]
    [InlineData("early-media", CallStatus.Ringing)]
    [InlineData("in-progress", CallStatus.InProgress)]
    [InlineData("completed", CallStatus.Completed)]
    [InlineData("failed", CallStatus.Failed)]
    [InlineData("busy", CallStatus.Busy)]
    [InlineData("no-answer", CallStatus.NoAnswer)]
    public void Jambonz_statuses_map_as_the_spec_says(string jambonz, CallStatus expected)
    {
        JambonzStatusMap.ToCallStatus(jambonz).ShouldBe(expected);
    }

    [Theory]
    [InlineData("queued", CallStatus.Dialing)]
    [InlineData("initiated", CallStatus.Dialing)]
    [InlineData("ringing", CallStatus.Ringing)]
    [InlineData("answered", CallStatus.InProgress)]
    [InlineData("in-progress", CallStatus.InProgress)]
    [InlineData("completed", CallStatus.Completed)]
    [InlineData("busy", CallStatus.Busy)]
    [InlineData("no-answer", CallStatus.NoAnswer)]
    [InlineData("failed", CallStatus.Failed)]
    [InlineData("canceled", CallStatus.Canceled)]
    public void Twilio_statuses_map_as_the_spec_says(string twilio, CallStatus expected)
    {
        TwilioStatusMap.ToCallStatus(twilio).ShouldBe(expected);
    }

    [Fact]
    public void Unknown_statuses_map_to_nothing()
    {
        JambonzStatusMap.ToCallStatus("answered-by-robot").ShouldBeNull();
        TwilioStatusMap.ToCallStatus(null).ShouldBeNull();
    }
}

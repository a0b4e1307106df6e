using Ardalis.Specification;
using Invorto.Application.Abstractions;
using Invorto.Application.Calls;
using Invorto.Application.Calls.SendDtmf;
using Invorto.Application.Common;
using Invorto.Application.Telephony;
using Invorto.Domain.Calls;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Invorto.Application.Tests.Calls;

public sealed class SendDtmfHandlerTests
{
    private readonly IRepository<Call> _calls = Substitute.For<IRepository<Call>>();
    private readonly ITelephonyProvider _jambonz = Substitute.For<ITelephonyProvider>();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
    private readonly SendDtmfHandler _handler;

    public SendDtmfHandlerTests()
    {
        _jambonz.Name.Returns("jambonz");
        _jambonz.SendDtmfAsync(default!, default!, default).ReturnsForAnyArgs(true);
        _handler = new SendDtmfHandler(new SendDtmfValidator(), _calls, new LivePhoneCalls(_calls, new TelephonyProviders([_jambonz], new DefaultTelephonyProvider("jambonz"))), _clock);
    }

    private Call Stored(Call call)
    {
        _calls.SingleOrDefaultAsync(Arg.Any<ISingleResultSpecification<Call>>(), Arg.Any<CancellationToken>()).Returns(call);
        return call;
    }

    [Fact]
    public async Task A_web_call_has_no_line_to_send_digits_into()
    {
        var call = Stored(Call.StartWeb(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1, "web-1", _clock.GetUtcNow()));

        var result = await _handler.HandleAsync(new SendDtmfCommand(call.TenantId, call.Id, "5"), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.Conflict);
        await _jambonz.DidNotReceiveWithAnyArgs().SendDtmfAsync(default!, default!, default);
    }

    [Fact]
    public async Task Digits_go_to_the_calls_provider_and_onto_its_timeline()
    {
        var call = Stored(Call.ReceiveInbound(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1, "+919800000002", "+918000000001", "jambonz", "sid-1", answered: true, _clock.GetUtcNow()));

        var result = await _handler.HandleAsync(new SendDtmfCommand(call.TenantId, call.Id, "0*#"), CancellationToken.None);

        result.IsSuccess.ShouldBeTrue();
        await _jambonz.Received(1).SendDtmfAsync("sid-1", "0*#", Arg.Any<CancellationToken>());
        call.Events.ShouldContain(e => e.Kind == "dtmf.sent");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12A")]
    [InlineData("123456789012345678901234567890123")]
    public async Task Digits_outside_the_keypad_or_over_32_are_refused_before_anything_is_loaded(string? digits)
    {
        var result = await _handler.HandleAsync(new SendDtmfCommand(Guid.NewGuid(), Guid.NewGuid(), digits), CancellationToken.None);

        result.Error!.Fields!.Keys.ShouldBe(["digits"]);
        await _calls.DidNotReceiveWithAnyArgs().SingleOrDefaultAsync(default!, default);
    }
}

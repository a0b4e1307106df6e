using Ardalis.Specification;
using Invorto.Application.Abstractions;
using Invorto.Application.Common;
using Invorto.Application.Numbers.AddNumber;
using Invorto.Domain.Agents;
using Invorto.Domain.Telephony;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace Invorto.Application.Tests.Numbers;

public sealed class AddNumberHandlerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private readonly IRepository<PhoneNumberRoute> _numbers = Substitute.For<IRepository<PhoneNumberRoute>>();
    private readonly IReadRepository<Agent> _agents = Substitute.For<IReadRepository<Agent>>();
    private readonly IIdGenerator _ids = Substitute.For<IIdGenerator>();
    private readonly AddNumberHandler _handler;

    public AddNumberHandlerTests()
    {
        _ids.NewId().Returns(_ => Guid.CreateVersion7());
        _handler = new AddNumberHandler(new AddNumberValidator(), _numbers, _agents, _ids, new FakeTimeProvider(T0));
    }

    private Agent AgentOfTenant()
    {
        var agent = Agent.Create(Guid.NewGuid(), Guid.NewGuid(), "A", """{"prompt":"p"}""", T0);
        _agents.SingleOrDefaultAsync(Arg.Any<ISingleResultSpecification<Agent>>(), Arg.Any<CancellationToken>()).Returns(agent);
        return agent;
    }

    [Fact]
    public async Task A_valid_number_is_stored_normalised()
    {
        var agent = AgentOfTenant();

        var result = await _handler.HandleAsync(new AddNumberCommand(agent.TenantId, "+91 98765-43210", agent.Id, "Jambonz"), CancellationToken.None);

        result.Value!.Number.ShouldBe("+919876543210");
        result.Value.Provider.ShouldBe(TelephonyProviderKind.Jambonz);
        await _numbers.Received(1).AddAsync(Arg.Is<PhoneNumberRoute>(route => route.TenantId == agent.TenantId && route.AgentId == agent.Id), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_number_the_store_already_holds_is_a_conflict()
    {
        var agent = AgentOfTenant();
        _numbers.AddAsync(Arg.Any<PhoneNumberRoute>(), Arg.Any<CancellationToken>()).ThrowsAsync(new DuplicateEntityException());

        var result = await _handler.HandleAsync(new AddNumberCommand(agent.TenantId, "+919876543210", agent.Id, "twilio"), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.Conflict);
        result.Error.Message.ShouldContain("+919876543210");
    }

    [Fact]
    public async Task An_agent_the_tenant_does_not_have_is_refused_on_the_agentId_field()
    {
        var result = await _handler.HandleAsync(new AddNumberCommand(Guid.NewGuid(), "+919876543210", Guid.NewGuid(), "twilio"), CancellationToken.None);

        result.Error!.Fields!.Keys.ShouldBe(["agentId"]);
        await _numbers.DidNotReceive().AddAsync(Arg.Any<PhoneNumberRoute>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Bad_input_names_every_field()
    {
        var result = await _handler.HandleAsync(new AddNumberCommand(Guid.NewGuid(), "12", null, "plivo"), CancellationToken.None);

        result.Error!.Fields!.Keys.ShouldBe(["number", "agentId", "provider"], ignoreOrder: true);
    }
}

using Ardalis.Specification;
using Invorto.Application.Abstractions;
using Invorto.Application.Agents.ArchiveAgent;
using Invorto.Application.Common;
using Invorto.Domain.Agents;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Invorto.Application.Tests.Agents;

public sealed class ArchiveAgentHandlerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private readonly IRepository<Agent> _agents = Substitute.For<IRepository<Agent>>();
    private readonly FakeTimeProvider _clock = new(T0.AddDays(1));

    [Fact]
    public async Task Archiving_twice_keeps_the_first_time_and_saves_once()
    {
        var agent = Agent.Create(Guid.NewGuid(), Guid.NewGuid(), "A", """{"prompt":"p"}""", T0);
        _agents.SingleOrDefaultAsync(Arg.Any<ISingleResultSpecification<Agent>>(), Arg.Any<CancellationToken>()).Returns(agent);
        var handler = new ArchiveAgentHandler(_agents, _clock);

        var first = await handler.HandleAsync(new ArchiveAgentCommand(agent.TenantId, agent.Id), CancellationToken.None);
        _clock.Advance(TimeSpan.FromHours(1));
        var second = await handler.HandleAsync(new ArchiveAgentCommand(agent.TenantId, agent.Id), CancellationToken.None);

        first.Value.ShouldBe(T0.AddDays(1));
        second.Value.ShouldBe(T0.AddDays(1));
        await _agents.Received(1).UpdateAsync(agent, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Unknown_agent_is_not_found()
    {
        var result = await new ArchiveAgentHandler(_agents, _clock).HandleAsync(new ArchiveAgentCommand(Guid.NewGuid(), Guid.NewGuid()), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.NotFound);
    }
}

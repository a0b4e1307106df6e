using Ardalis.Specification;
using Invorto.Application.Abstractions;
using Invorto.Application.Agents.GetAgent;
using Invorto.Application.Common;
using Invorto.Domain.Agents;
using NSubstitute;

namespace Invorto.Application.Tests.Agents;

public sealed class GetAgentHandlerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private readonly IReadRepository<Agent> _agents = Substitute.For<IReadRepository<Agent>>();

    [Fact]
    public async Task Older_version_is_returned_when_asked_for()
    {
        var agent = Agent.Create(Guid.NewGuid(), Guid.NewGuid(), "A", """{"prompt":"v1"}""", T0);
        agent.Revise(null, """{"prompt":"v2"}""", T0.AddHours(1));
        _agents.SingleOrDefaultAsync(Arg.Any<ISingleResultSpecification<Agent>>(), Arg.Any<CancellationToken>()).Returns(agent);

        var result = await new GetAgentHandler(_agents, TestMapper.Create()).HandleAsync(new GetAgentQuery(agent.TenantId, agent.Id, 1), CancellationToken.None);

        result.Value!.Version.ShouldBe(1);
        result.Value.CurrentVersion.ShouldBe(2);
        result.Value.Config.GetProperty("prompt").GetString().ShouldBe("v1");
    }

    [Fact]
    public async Task Unknown_agent_is_not_found()
    {
        var result = await new GetAgentHandler(_agents, TestMapper.Create()).HandleAsync(new GetAgentQuery(Guid.NewGuid(), Guid.NewGuid(), null), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.NotFound);
    }

    [Fact]
    public async Task Unknown_version_is_not_found()
    {
        var agent = Agent.Create(Guid.NewGuid(), Guid.NewGuid(), "A", """{"prompt":"v1"}""", T0);
        _agents.SingleOrDefaultAsync(Arg.Any<ISingleResultSpecification<Agent>>(), Arg.Any<CancellationToken>()).Returns(agent);

        var result = await new GetAgentHandler(_agents, TestMapper.Create()).HandleAsync(new GetAgentQuery(agent.TenantId, agent.Id, 7), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.NotFound);
    }
}

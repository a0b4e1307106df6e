using System.Text.Json;
using Ardalis.Specification;
using Invorto.Application.Abstractions;
using Invorto.Application.Agents.UpdateAgent;
using Invorto.Application.Common;
using Invorto.Domain.Agents;
using Invorto.Domain.Secrets;
using Invorto.Domain.Tenants;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Invorto.Application.Tests.Agents;

public sealed class UpdateAgentHandlerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private readonly IRepository<Agent> _agents = Substitute.For<IRepository<Agent>>();
    private readonly FakeTimeProvider _clock = new(T0.AddHours(1));
    private readonly UpdateAgentHandler _handler;

    public UpdateAgentHandlerTests() => _handler = new UpdateAgentHandler(
        new UpdateAgentValidator(), _agents, Substitute.For<IReadRepository<Tenant>>(), AgentTargets.Checks(Substitute.For<IReadRepository<TenantSecret>>()), _clock, TestMapper.Create());

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private Agent Stored(string config = """{"prompt":"v1","llm":{"temperature":0.2}}""")
    {
        var agent = Agent.Create(Guid.NewGuid(), Guid.NewGuid(), "Support", config, T0);
        _agents.SingleOrDefaultAsync(Arg.Any<ISingleResultSpecification<Agent>>(), Arg.Any<CancellationToken>()).Returns(agent);
        return agent;
    }

    [Fact]
    public async Task Merge_patch_over_the_current_config_becomes_the_next_version()
    {
        var agent = Stored();

        var result = await _handler.HandleAsync(new UpdateAgentCommand(agent.TenantId, agent.Id, null, Json("""{"endpointing":{"silenceMs":200},"llm":{"baseUrl":null}}""")), CancellationToken.None);

        result.Value!.Version.ShouldBe(2);
        result.Value.Name.ShouldBe("Support");
        result.Value.Config.GetProperty("prompt").GetString().ShouldBe("v1");
        result.Value.Config.GetProperty("llm").GetProperty("temperature").GetDouble().ShouldBe(0.2);
        result.Value.Config.GetProperty("endpointing").GetProperty("silenceMs").GetInt32().ShouldBe(200);
        await _agents.Received(1).UpdateAsync(agent, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Removing_the_prompt_by_patch_is_refused_at_its_path()
    {
        var agent = Stored();

        var result = await _handler.HandleAsync(new UpdateAgentCommand(agent.TenantId, agent.Id, null, Json("""{"prompt":null}""")), CancellationToken.None);

        result.Error!.Fields!.Keys.ShouldBe(["config.prompt"]);
        agent.CurrentVersion.ShouldBe(1);
        await _agents.DidNotReceiveWithAnyArgs().UpdateAsync(default!, default);
    }

    [Fact]
    public async Task A_patch_pointing_the_model_at_a_private_address_is_refused_and_nothing_is_saved()
    {
        var agent = Stored();

        var result = await _handler.HandleAsync(
            new UpdateAgentCommand(agent.TenantId, agent.Id, null, Json("""{"llm":{"baseUrl":"http://10.0.0.7:8000/v1"}}""")), CancellationToken.None);

        result.Error!.Fields!.Keys.ShouldBe(["config.llm.baseUrl"]);
        agent.CurrentVersion.ShouldBe(1);
        await _agents.DidNotReceiveWithAnyArgs().UpdateAsync(default!, default);
    }

    [Fact]
    public async Task Archived_agent_is_a_conflict()
    {
        var agent = Stored();
        agent.Archive(T0);

        var result = await _handler.HandleAsync(new UpdateAgentCommand(agent.TenantId, agent.Id, "New", null), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.Conflict);
    }

    [Fact]
    public async Task Losing_a_race_with_another_revision_is_a_conflict()
    {
        var agent = Stored();
        _agents.UpdateAsync(agent, Arg.Any<CancellationToken>()).Returns<int>(_ => throw new ConcurrentUpdateException());

        var result = await _handler.HandleAsync(new UpdateAgentCommand(agent.TenantId, agent.Id, "New", null), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.Conflict);
    }

    [Fact]
    public async Task Unknown_agent_is_not_found()
    {
        var result = await _handler.HandleAsync(new UpdateAgentCommand(Guid.NewGuid(), Guid.NewGuid(), "New", null), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.NotFound);
    }

    [Fact]
    public async Task Blank_name_and_a_patch_that_is_not_an_object_are_refused_before_loading()
    {
        var result = await _handler.HandleAsync(new UpdateAgentCommand(Guid.NewGuid(), Guid.NewGuid(), " ", Json("[1]")), CancellationToken.None);

        result.Error!.Fields!.Keys.ShouldBe(["name", "config"], ignoreOrder: true);
        await _agents.DidNotReceiveWithAnyArgs().SingleOrDefaultAsync(default(ISingleResultSpecification<Agent>)!, default);
    }
}

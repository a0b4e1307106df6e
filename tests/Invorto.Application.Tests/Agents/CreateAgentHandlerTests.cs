using System.Text.Json;
using Invorto.Application.Abstractions;
using Invorto.Application.Agents.CreateAgent;
using Invorto.Application.Common;
using Invorto.Domain.Agents;
using Invorto.Domain.Secrets;
using Invorto.Domain.Tenants;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Invorto.Application.Tests.Agents;

public sealed class CreateAgentHandlerTests
{
    private readonly IRepository<Agent> _agents = Substitute.For<IRepository<Agent>>();
    private readonly IReadRepository<Tenant> _tenants = Substitute.For<IReadRepository<Tenant>>();
    private readonly IReadRepository<TenantSecret> _secrets = Substitute.For<IReadRepository<TenantSecret>>();
    private readonly IIdGenerator _ids = Substitute.For<IIdGenerator>();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
    private readonly CreateAgentHandler _handler;

    public CreateAgentHandlerTests()
    {
        _ids.NewId().Returns(Guid.Parse("0193f1e2-0000-7000-8000-000000000001"));
        _tenants.GetByIdAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>())
            .Returns(call => Tenant.Create(call.Arg<Guid>(), "acme", DateTimeOffset.UnixEpoch));
        _handler = new CreateAgentHandler(new CreateAgentValidator(), _agents, _tenants, AgentTargets.Checks(_secrets), _ids, _clock, TestMapper.Create());
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public async Task Valid_agent_is_saved_as_version_one_of_the_callers_tenant()
    {
        var tenantId = Guid.NewGuid();

        var result = await _handler.HandleAsync(new CreateAgentCommand(tenantId, "Support", Json("""{"prompt":"You help."}""")), CancellationToken.None);

        result.IsSuccess.ShouldBeTrue();
        result.Value!.Version.ShouldBe(1);
        result.Value.Config.GetProperty("prompt").GetString().ShouldBe("You help.");
        await _agents.Received(1).AddAsync(Arg.Is<Agent>(a => a.TenantId == tenantId && a.Name == "Support"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_tool_on_a_private_address_is_refused_at_its_url_and_nothing_is_saved()
    {
        var config = Json("""{"prompt":"p","tools":[{"name":"book","url":"https://169.254.169.254/latest/meta-data"}]}""");

        var result = await _handler.HandleAsync(new CreateAgentCommand(Guid.NewGuid(), "A", config), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.BadRequest);
        result.Error.Fields!.Keys.ShouldBe(["config.tools[0].url"]);
        await _agents.DidNotReceiveWithAnyArgs().AddAsync(default!, default);
    }

    [Fact]
    public async Task Missing_name_and_prompt_are_reported_per_field_and_nothing_is_saved()
    {
        var result = await _handler.HandleAsync(new CreateAgentCommand(Guid.NewGuid(), " ", Json("""{"firstMessage":"hi"}""")), CancellationToken.None);

        result.IsSuccess.ShouldBeFalse();
        result.Error!.Code.ShouldBe(ErrorCodes.BadRequest);
        result.Error.Fields!.Keys.ShouldBe(["name", "config.prompt"], ignoreOrder: true);
        await _agents.DidNotReceiveWithAnyArgs().AddAsync(default!, default);
    }

    [Fact]
    public async Task Config_that_is_not_an_object_is_refused()
    {
        var result = await _handler.HandleAsync(new CreateAgentCommand(Guid.NewGuid(), "A", Json("""["prompt"]""")), CancellationToken.None);

        result.Error!.Fields!.ShouldContainKey("config");
    }

    [Fact]
    public async Task Prompt_over_twenty_thousand_characters_is_refused()
    {
        var prompt = new string('x', 20_001);

        var result = await _handler.HandleAsync(new CreateAgentCommand(Guid.NewGuid(), "A", Json($$"""{"prompt":"{{prompt}}"}""")), CancellationToken.None);

        result.Error!.Fields!["config.prompt"].ShouldContain("must be at most 20000 characters");
    }
}

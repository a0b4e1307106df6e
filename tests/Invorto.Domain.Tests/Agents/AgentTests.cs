using Invorto.Domain.Agents;
using Invorto.Domain.Common;

namespace Invorto.Domain.Tests.Agents;

public sealed class AgentTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void New_agent_is_at_version_one()
    {
        var agent = Agent.Create(Guid.NewGuid(), Guid.NewGuid(), "  Support  ", """{"prompt":"hi"}""", T0);

        agent.CurrentVersion.ShouldBe(1);
        agent.Name.ShouldBe("Support");
        agent.Versions.Single().ConfigJson.ShouldBe("""{"prompt":"hi"}""");
    }

    [Fact]
    public void Revision_adds_an_immutable_version_and_keeps_the_old_one()
    {
        var agent = Agent.Create(Guid.NewGuid(), Guid.NewGuid(), "Support", """{"prompt":"v1"}""", T0);

        agent.Revise(null, """{"prompt":"v2"}""", T0.AddMinutes(1));

        agent.CurrentVersion.ShouldBe(2);
        agent.FindVersion(1)!.ConfigJson.ShouldBe("""{"prompt":"v1"}""");
        agent.FindVersion(2)!.ConfigJson.ShouldBe("""{"prompt":"v2"}""");
        agent.UpdatedAt.ShouldBe(T0.AddMinutes(1));
    }

    [Fact]
    public void Archived_agent_cannot_be_revised()
    {
        var agent = Agent.Create(Guid.NewGuid(), Guid.NewGuid(), "Support", """{"prompt":"v1"}""", T0);
        agent.Archive(T0.AddMinutes(1));

        Should.Throw<DomainException>(() => agent.Revise("x", """{"prompt":"v2"}""", T0.AddMinutes(2)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Agent_needs_a_name(string name)
    {
        Should.Throw<DomainException>(() => Agent.Create(Guid.NewGuid(), Guid.NewGuid(), name, """{"prompt":"x"}""", T0));
    }
}

using Ardalis.Specification;
using Invorto.Application.Abstractions;
using Invorto.Domain.Agents;
using Invorto.Domain.Calls;
using Invorto.Domain.Tenants;
using NSubstitute;

namespace Invorto.Application.Tests.Conversations;

/// <summary>Stored tenants, agents and calls behind substitute repositories.</summary>
internal sealed class ConversationTestData
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public IReadRepository<Call> Calls { get; } = Substitute.For<IReadRepository<Call>>();

    public IReadRepository<Agent> Agents { get; } = Substitute.For<IReadRepository<Agent>>();

    public IReadRepository<Tenant> Tenants { get; } = Substitute.For<IReadRepository<Tenant>>();

    public Tenant AddTenant(int? maxConcurrentCalls = null)
    {
        var tenant = Tenant.Create(Guid.NewGuid(), "acme", T0);
        if (maxConcurrentCalls is not null)
        {
            tenant.ChangeLimits(null, maxConcurrentCalls);
        }

        Tenants.GetByIdAsync(tenant.Id, Arg.Any<CancellationToken>()).Returns(tenant);
        return tenant;
    }

    /// <summary>An agent whose version 1 speaks en-IN and whose version 2 (current) speaks hi-IN.</summary>
    public Agent AddAgent(Guid tenantId, bool archived = false)
    {
        var agent = Agent.Create(Guid.NewGuid(), tenantId, "Support", """{"prompt":"first","locale":"en-IN"}""", T0);
        agent.Revise(null, """{"prompt":"second","locale":"hi-IN","firstMessage":"Namaste"}""", T0.AddMinutes(1));
        if (archived)
        {
            agent.Archive(T0.AddMinutes(2));
        }

        Agents.SingleOrDefaultAsync(Arg.Is<ISingleResultSpecification<Agent>>(spec => spec.IsSatisfiedBy(agent)), Arg.Any<CancellationToken>()).Returns(agent);
        return agent;
    }

    public Call AddWebCall(Agent agent, int version = 1, bool ended = false)
    {
        var call = Call.StartWeb(Guid.NewGuid(), agent.TenantId, agent.Id, version, "client-ref", T0.AddMinutes(5));
        if (ended)
        {
            call.ApplyStatus(CallStatus.Completed, T0.AddMinutes(6), "hangup");
        }

        Calls.GetByIdAsync(call.Id, Arg.Any<CancellationToken>()).Returns(call);
        return call;
    }
}

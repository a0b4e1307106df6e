using AutoMapper;
using FluentValidation;
using Invorto.Application.Abstractions;
using Invorto.Application.Agents.Configuration;
using Invorto.Application.Common;
using Invorto.Domain.Agents;
using Invorto.Domain.Tenants;

namespace Invorto.Application.Agents.CreateAgent;

public sealed class CreateAgentHandler(
    IValidator<CreateAgentCommand> validator,
    IRepository<Agent> agents,
    IReadRepository<Tenant> tenants,
    AgentTargetChecks targets,
    IIdGenerator ids,
    TimeProvider clock,
    IMapper mapper)
{
    public async Task<Result<AgentDto>> HandleAsync(CreateAgentCommand command, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(command, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        // Stored normalized, defaults filled in, so every reader sees the same complete configuration.
        var config = AgentConfigParser.Parse(command.Config);
        var tenant = await tenants.GetByIdAsync(command.TenantId, cancellationToken);
        if (tenant is null)
        {
            return Error.NotFound("The tenant");
        }

        var problems = await targets.ProblemsAsync(command.TenantId, tenant.AllowedToolHosts, config.Config!, cancellationToken);
        if (problems.Count > 0)
        {
            return Error.Validation(problems);
        }

        var agent = Agent.Create(ids.NewId(), command.TenantId, command.Name!, config.NormalizedJson!, clock.GetUtcNow());
        await agents.AddAsync(agent, cancellationToken);

        return mapper.Map<AgentDto>(new AgentVersionView(agent, agent.Versions[^1]));
    }
}

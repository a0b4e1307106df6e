using System.Text.Json;
using AutoMapper;
using FluentValidation;
using Invorto.Application.Abstractions;
using Invorto.Application.Agents.Configuration;
using Invorto.Application.Agents.Specifications;
using Invorto.Application.Common;
using Invorto.Domain.Agents;
using Invorto.Domain.Tenants;

namespace Invorto.Application.Agents.UpdateAgent;

public sealed class UpdateAgentHandler(
    IValidator<UpdateAgentCommand> validator,
    IRepository<Agent> agents,
    IReadRepository<Tenant> tenants,
    AgentTargetChecks targets,
    TimeProvider clock,
    IMapper mapper)
{
    public async Task<Result<AgentDto>> HandleAsync(UpdateAgentCommand command, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(command, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var agent = await agents.SingleOrDefaultAsync(new AgentByIdSpec(command.TenantId, command.AgentId), cancellationToken);
        if (agent is null)
        {
            return Error.NotFound("The agent");
        }

        if (agent.IsArchived)
        {
            return Error.Conflict("The agent is archived and cannot be changed.");
        }

        var current = agent.FindVersion(agent.CurrentVersion)
            ?? throw new InvalidOperationException($"Agent {agent.Id} has no version {agent.CurrentVersion}.");
        using var currentConfig = JsonDocument.Parse(current.ConfigJson);
        var merged = command.ConfigPatch is { ValueKind: JsonValueKind.Object } patch
            ? JsonMergePatch.Apply(currentConfig.RootElement, patch)
            : currentConfig.RootElement;

        var config = AgentConfigParser.Parse(merged);
        if (!config.IsValid)
        {
            return Error.Validation(config.Errors);
        }

        var tenant = await tenants.GetByIdAsync(command.TenantId, cancellationToken);
        var problems = await targets.ProblemsAsync(command.TenantId, tenant?.AllowedToolHosts ?? [], config.Config!, cancellationToken);
        if (problems.Count > 0)
        {
            return Error.Validation(problems);
        }

        var version = agent.Revise(command.Name, config.NormalizedJson!, clock.GetUtcNow());
        try
        {
            await agents.UpdateAsync(agent, cancellationToken);
        }
        catch (ConcurrentUpdateException)
        {
            return Error.Conflict($"The agent was changed by another request while version {version.Version} was being recorded; read it again and retry.");
        }

        return mapper.Map<AgentDto>(new AgentVersionView(agent, version));
    }
}

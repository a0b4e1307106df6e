using FluentValidation;
using Invorto.Application.Abstractions;
using Invorto.Application.Agents.Specifications;
using Invorto.Application.Common;
using Invorto.Domain.Agents;
using Invorto.Domain.Telephony;

namespace Invorto.Application.Numbers.AddNumber;

public sealed class AddNumberHandler(
    IValidator<AddNumberCommand> validator,
    IRepository<PhoneNumberRoute> numbers,
    IReadRepository<Agent> agents,
    IIdGenerator ids,
    TimeProvider clock)
{
    public async Task<Result<NumberDto>> HandleAsync(AddNumberCommand command, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(command, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var agentId = command.AgentId!.Value;
        var agent = await agents.SingleOrDefaultAsync(new AgentByIdSpec(command.TenantId, agentId), cancellationToken);
        if (agent is null || agent.IsArchived)
        {
            return Error.Validation(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["agentId"] = ["must be an active agent of this tenant"] });
        }

        var provider = TelephonyProviderKinds.Parse(command.Provider);
        var route = PhoneNumberRoute.Create(ids.NewId(), command.TenantId, PhoneNumber.Parse(command.Number!), agentId, provider, clock.GetUtcNow());
        try
        {
            // The unique index on the number decides between racing requests and across tenants; no check-then-insert.
            await numbers.AddAsync(route, cancellationToken);
        }
        catch (DuplicateEntityException)
        {
            return Error.Conflict($"The number {route.Number} is already registered.");
        }

        return NumberDto.From(route);
    }
}

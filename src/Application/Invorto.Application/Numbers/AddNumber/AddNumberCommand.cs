namespace Invorto.Application.Numbers.AddNumber;

/// <summary>Routes a number to an agent of the caller's tenant. <paramref name="Provider"/> is jambonz or twilio.</summary>
public sealed record AddNumberCommand(Guid TenantId, string? Number, Guid? AgentId, string? Provider);

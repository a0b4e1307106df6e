namespace Invorto.Application.Numbers.ListNumbers;

public sealed record ListNumbersQuery(Guid TenantId);

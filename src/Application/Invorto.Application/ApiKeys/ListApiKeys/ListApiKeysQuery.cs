namespace Invorto.Application.ApiKeys.ListApiKeys;

public sealed record ListApiKeysQuery(Guid TenantId);

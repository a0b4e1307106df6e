using Invorto.Domain.Tenants;

namespace Invorto.Application.ApiKeys;

/// <summary>A key as listings show it: never its secret nor its hash.</summary>
public sealed record ApiKeyDto(Guid Id, string Name, ApiKeyRole Role, bool Active, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);

using Invorto.Domain.Tenants;

namespace Invorto.Application.ApiKeys.CreateApiKey;

/// <summary>The new key, with its secret: the only time the secret is shown.</summary>
public sealed record ApiKeyCreated(Guid Id, string Name, ApiKeyRole Role, string Key, DateTimeOffset CreatedAt);

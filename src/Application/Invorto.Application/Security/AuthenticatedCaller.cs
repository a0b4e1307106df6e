using Invorto.Domain.Tenants;

namespace Invorto.Application.Security;

/// <summary>Who is calling: the tenant every query is scoped to, the key and what its role allows.</summary>
public sealed record AuthenticatedCaller(Guid TenantId, Guid ApiKeyId, ApiKeyRole Role);

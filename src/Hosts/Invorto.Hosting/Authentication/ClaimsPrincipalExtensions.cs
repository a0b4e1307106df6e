using System.Security.Claims;
using Invorto.Application.Security;
using Invorto.Domain.Tenants;

namespace Invorto.Hosting.Authentication;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The caller of an authenticated request; endpoints behind an auth policy always have one.</summary>
    public static AuthenticatedCaller ToCaller(this ClaimsPrincipal principal) =>
        TryGetCaller(principal) ?? throw new InvalidOperationException("The endpoint is not behind API key authentication.");

    public static AuthenticatedCaller? TryGetCaller(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ApiKeyDefaults.TenantClaim), out var tenantId)
        && Guid.TryParse(principal.FindFirstValue(ApiKeyDefaults.KeyClaim), out var keyId)
        && Enum.TryParse<ApiKeyRole>(principal.FindFirstValue(ApiKeyDefaults.RoleClaim), out var role)
            ? new AuthenticatedCaller(tenantId, keyId, role)
            : null;
}

using Invorto.Application.Abstractions;
using Invorto.Application.ApiKeys.Specifications;
using Invorto.Application.Security;
using Invorto.Domain.Tenants;

namespace Invorto.Application.ApiKeys.Authenticate;

/// <summary>Turns a presented key into a caller, or nothing when it is unknown or revoked.</summary>
public sealed class ApiKeyAuthenticator(IReadRepository<ApiKey> keys, IApiKeyUsage usage, TimeProvider clock)
{
    private const int MaxKeyLength = 256;

    public async Task<AuthenticatedCaller?> AuthenticateAsync(string? presentedKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(presentedKey) || presentedKey.Length > MaxKeyLength)
        {
            return null;
        }

        var key = await keys.SingleOrDefaultAsync(new ActiveApiKeyByHashSpec(ApiKeySecret.HashOf(presentedKey.Trim())), cancellationToken);
        if (key is null)
        {
            return null;
        }

        usage.Touch(key.Id, clock.GetUtcNow());
        return new AuthenticatedCaller(key.TenantId, key.Id, key.Role);
    }
}

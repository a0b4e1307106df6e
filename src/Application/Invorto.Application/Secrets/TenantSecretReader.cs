using Invorto.Application.Abstractions;
using Invorto.Application.Secrets.Specifications;
using Invorto.Domain.Secrets;

namespace Invorto.Application.Secrets;

/// <summary>Reads one secret of a tenant from the store and decrypts it, each time it is asked.</summary>
public sealed class TenantSecretReader(IReadRepository<TenantSecret> secrets, ISecretProtector protector) : ITenantSecretReader
{
    public async ValueTask<string?> GetAsync(Guid tenantId, string name, CancellationToken cancellationToken)
    {
        if (!TenantSecret.IsValidName(name))
        {
            return null;
        }

        var secret = await secrets.SingleOrDefaultAsync(new TenantSecretByNameSpec(tenantId, name), cancellationToken);
        return secret is null ? null : protector.Unprotect(tenantId, name, secret.EncryptedValue);
    }
}

using System.Globalization;
using System.Security.Cryptography;
using Invorto.Application.Secrets;
using Microsoft.AspNetCore.DataProtection;

namespace Invorto.Infrastructure.Secrets;

/// <summary>
/// ASP.NET Core Data Protection (AES-256-CBC + HMACSHA256 under keys of the shared ring) with the purpose chain
/// <c>Invorto.TenantSecrets.v1 / tenant id / name</c>: a value only decrypts for the row it was written for.
/// </summary>
internal sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    private const string Purpose = "Invorto.TenantSecrets.v1";

    private readonly IDataProtector _root = provider.CreateProtector(Purpose);

    public string Protect(Guid tenantId, string name, string value) => For(tenantId, name).Protect(value);

    public string Unprotect(Guid tenantId, string name, string encryptedValue)
    {
        try
        {
            return For(tenantId, name).Unprotect(encryptedValue);
        }
        catch (CryptographicException exception)
        {
            throw new SecretUnreadableException(
                $"Secret '{name}' of tenant {tenantId} cannot be decrypted: its key is not in the data protection key ring (data_protection_keys) or the stored value was altered.",
                exception);
        }
    }

    private IDataProtector For(Guid tenantId, string name) =>
        _root.CreateProtector(tenantId.ToString("D", CultureInfo.InvariantCulture), name);
}

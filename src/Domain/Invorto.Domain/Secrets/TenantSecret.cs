using System.Text.RegularExpressions;
using Invorto.Domain.Common;

namespace Invorto.Domain.Secrets;

/// <summary>
/// A named value of one tenant that tools reference as <c>${secrets.name}</c> and providers use as the tenant's own key.
/// The aggregate only ever holds the value encrypted: encryption happens before it is built, decryption after it is read.
/// </summary>
public sealed partial class TenantSecret : IAggregateRoot
{
    public const int MaxNameLength = 64;
    public const int MaxValueLength = 8192;
    public const int MaxPerTenant = 100;

    private TenantSecret(Guid tenantId, string name, string encryptedValue, DateTimeOffset createdAt)
    {
        TenantId = tenantId;
        Name = name;
        EncryptedValue = encryptedValue;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    public Guid TenantId { get; private set; }

    /// <summary>A lowercase letter, then up to 63 lowercase letters, digits and underscores; unique per tenant.</summary>
    public string Name { get; private set; }

    /// <summary>The value as the secret protector wrote it; never the plain value.</summary>
    public string EncryptedValue { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    public static TenantSecret Create(Guid tenantId, string name, string encryptedValue, DateTimeOffset now)
    {
        if (tenantId == Guid.Empty)
        {
            throw new DomainException("A secret belongs to a tenant.");
        }

        if (!IsValidName(name))
        {
            throw new DomainException("A secret name is a lowercase letter followed by up to 63 lowercase letters, digits or underscores.");
        }

        return new TenantSecret(tenantId, name, RequireEncrypted(encryptedValue), now);
    }

    /// <summary>Replaces the value; the name and creation time stay.</summary>
    public void Replace(string encryptedValue, DateTimeOffset now)
    {
        EncryptedValue = RequireEncrypted(encryptedValue);
        if (now > UpdatedAt)
        {
            UpdatedAt = now;
        }
    }

    private static string RequireEncrypted(string encryptedValue) =>
        string.IsNullOrEmpty(encryptedValue) ? throw new DomainException("A secret keeps an encrypted value.") : encryptedValue;

    // \z, not $: $ also matches before a final newline.
    [GeneratedRegex(@"^[a-z][a-z0-9_]{0,63}\z")]
    private static partial Regex NamePattern();
}

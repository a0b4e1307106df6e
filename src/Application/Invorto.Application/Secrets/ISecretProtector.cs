namespace Invorto.Application.Secrets;

/// <summary>
/// Encrypts a tenant secret's value for storage and decrypts it for use. A ciphertext is bound to its tenant and name:
/// copied to another tenant's or another name's row, it does not decrypt. Every process of the platform decrypts what
/// any other wrote (one shared key ring).
/// </summary>
public interface ISecretProtector
{
    string Protect(Guid tenantId, string name, string value);

    /// <exception cref="SecretUnreadableException">The value was altered, or its key is not in the key ring.</exception>
    string Unprotect(Guid tenantId, string name, string encryptedValue);
}

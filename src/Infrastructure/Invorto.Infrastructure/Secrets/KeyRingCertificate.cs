using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace Invorto.Infrastructure.Secrets;

/// <summary>
/// The optional certificate that encrypts the Data Protection keys before they are stored. Without it the keys sit in
/// <c>data_protection_keys</c> as plain XML beside the ciphertext they protect, so a copy of the database is enough to
/// read every secret; with it, the copy also needs the certificate's private key, kept outside the database.
/// </summary>
internal static class KeyRingCertificate
{
    public const string PathVariable = "DATA_PROTECTION_CERT_PATH";
    public const string PasswordVariable = "DATA_PROTECTION_CERT_PASSWORD";

    /// <returns>The certificate, or null when <see cref="PathVariable"/> is unset.</returns>
    /// <exception cref="InvalidOperationException">The file is missing, unreadable or holds no RSA private key (start-up error naming the variable).</exception>
    public static X509Certificate2? Load(IConfiguration configuration)
    {
        var path = configuration[PathVariable];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{PathVariable}: no file at '{path}'.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[PasswordVariable]);
        }
        catch (CryptographicException exception)
        {
            throw new InvalidOperationException($"{PathVariable}: '{path}' is not a PKCS#12 (.pfx) file that {PasswordVariable} opens.", exception);
        }

        using var privateKey = certificate.GetRSAPrivateKey();
        if (privateKey is null)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"{PathVariable}: '{path}' holds no RSA private key; the key ring needs one to decrypt its keys.");
        }

        return certificate;
    }
}

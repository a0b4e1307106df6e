using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Invorto.Infrastructure.Secrets;
using Microsoft.Extensions.Configuration;

namespace Invorto.Infrastructure.Tests.Secrets;

public sealed class KeyRingCertificateTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("invorto-cert-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static IConfiguration Configuration(string? path, string? password = null) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DATA_PROTECTION_CERT_PATH"] = path, ["DATA_PROTECTION_CERT_PASSWORD"] = password }).Build();

    [Fact]
    public void No_path_means_no_certificate()
    {
        KeyRingCertificate.Load(Configuration(null)).ShouldBeNull();
    }

    [Fact]
    public void A_missing_file_is_a_start_up_error_naming_the_variable()
    {
        var error = Should.Throw<InvalidOperationException>(() => KeyRingCertificate.Load(Configuration(Path.Combine(_directory, "absent.pfx"))));

        error.Message.ShouldStartWith("DATA_PROTECTION_CERT_PATH:");
    }

    [Fact]
    public void A_wrong_password_is_a_start_up_error_that_does_not_print_the_password()
    {
        var path = Path.Combine(_directory, "keyring.pfx");
        using var rsa = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=t", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, "right-password"));

        var error = Should.Throw<InvalidOperationException>(() => KeyRingCertificate.Load(Configuration(path, "wrong-password")));

        error.Message.ShouldContain("DATA_PROTECTION_CERT_PASSWORD");
        error.Message.ShouldNotContain("wrong-password");
    }

    [Fact]
    public void A_certificate_without_its_private_key_is_a_start_up_error()
    {
        var path = Path.Combine(_directory, "public-only.pfx");
        using var rsa = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=t", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
        using var publicOnly = X509CertificateLoader.LoadCertificate(certificate.Export(X509ContentType.Cert));
        File.WriteAllBytes(path, publicOnly.Export(X509ContentType.Pfx));

        var error = Should.Throw<InvalidOperationException>(() => KeyRingCertificate.Load(Configuration(path)));

        error.Message.ShouldContain("no RSA private key");
    }
}

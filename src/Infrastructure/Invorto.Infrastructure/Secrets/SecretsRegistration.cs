using Invorto.Application.Secrets;
using Invorto.Application.Secrets.DeleteTenantSecret;
using Invorto.Application.Secrets.ListTenantSecrets;
using Invorto.Application.Secrets.PutTenantSecret;
using Invorto.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Infrastructure.Secrets;

public static class SecretsRegistration
{
    /// <summary>
    /// Every host reads every other host's ciphertext: one application name and one key ring, kept in the platform's
    /// database (<c>data_protection_keys</c>), so processes on different machines share it without a shared disk.
    /// </summary>
    public const string DataProtectionApplicationName = "Invorto";

    /// <summary>
    /// Tenant secrets: the Data Protection key ring in the database, the protector, the secret use cases and the
    /// <see cref="ITenantSecretReader"/> (a singleton that reads through a scope of its own). Needs the
    /// <see cref="InvortoDbContext"/> registration of <c>AddInfrastructure</c>. Reads <c>DATA_PROTECTION_CERT_PATH</c>
    /// and <c>DATA_PROTECTION_CERT_PASSWORD</c> (optional: a certificate that encrypts the stored keys).
    /// </summary>
    public static IServiceCollection AddTenantSecrets(this IServiceCollection services, IConfiguration configuration)
    {
        var dataProtection = services.AddDataProtection()
            .SetApplicationName(DataProtectionApplicationName)
            .PersistKeysToDbContext<InvortoDbContext>();
        if (KeyRingCertificate.Load(configuration) is { } certificate)
        {
            dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        services.AddScoped<TenantSecretReader>();
        services.AddSingleton<ITenantSecretReader, ScopedTenantSecretReader>();
        services.AddScoped<PutTenantSecretHandler>();
        services.AddScoped<ListTenantSecretsHandler>();
        services.AddScoped<DeleteTenantSecretHandler>();
        return services;
    }
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Invorto.Application.Secrets;
using Invorto.Application.Secrets.PutTenantSecret;
using Invorto.Domain.Audit;
using Invorto.Domain.Tenants;
using Invorto.Infrastructure.Persistence;
using Invorto.Infrastructure.Secrets;
using Invorto.Infrastructure.Tests.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Infrastructure.Tests.Secrets;

/// <summary>
/// Tenant secrets on each provider's real database, through the registration every host uses: each "host" below is a
/// service provider of its own (its own Data Protection key ring cache) on the one shared database.
/// </summary>
public abstract class TenantSecretsContract<TProvider> : IAsyncLifetime
    where TProvider : IDatabaseProvider, new()
{
    private const string Plaintext = "sk-crm-live-0a1b2c3d4e5f";
    private readonly TProvider _provider = new();
    private readonly List<ServiceProvider> _hosts = [];
    private readonly string _directory = Directory.CreateTempSubdirectory("invorto-keyring-").FullName;
    private Tenant _tenant = null!;

    public async Task InitializeAsync()
    {
        await _provider.InitializeAsync();
        _tenant = Tenant.Create(Guid.CreateVersion7(), "acme", DateTimeOffset.UtcNow);
        await using var db = _provider.NewContext();
        db.Tenants.Add(_tenant);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await _provider.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private ServiceProvider NewHost(IDictionary<string, string?>? configuration = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped(_ => _provider.NewContext());
        services.AddScoped<Application.Abstractions.IUnitOfWork, EfUnitOfWork>();
        services.AddScoped<Application.Abstractions.ITenantLock, EfTenantLock>();
        services.AddScoped(typeof(Application.Abstractions.IRepository<>), typeof(EfRepository<>));
        services.AddScoped(typeof(Application.Abstractions.IReadRepository<>), typeof(EfReadRepository<>));
        services.AddSingleton<Application.Abstractions.IIdGenerator, SequentialIdGenerator>();
        services.AddSingleton<FluentValidation.IValidator<PutTenantSecretCommand>, PutTenantSecretValidator>();
        services.AddTenantSecrets(new ConfigurationBuilder().AddInMemoryCollection(configuration ?? new Dictionary<string, string?>()).Build());
        var host = services.BuildServiceProvider();
        _hosts.Add(host);
        return host;
    }

    private async Task PutAsync(ServiceProvider host, string name, string value)
    {
        var result = await TryPutAsync(host, name, value);
        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
    }

    private async Task<Application.Common.Result<TenantSecretDto>> TryPutAsync(ServiceProvider host, string name, string value)
    {
        await using var scope = host.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PutTenantSecretHandler>()
            .HandleAsync(new PutTenantSecretCommand(_tenant.Id, Guid.CreateVersion7(), name, value), CancellationToken.None);
    }

    private static ValueTask<string?> ReadAsync(ServiceProvider host, Guid tenantId, string name) =>
        host.GetRequiredService<ITenantSecretReader>().GetAsync(tenantId, name, CancellationToken.None);

    private async Task<string> StoredValueAsync(string name)
    {
        await using var db = _provider.NewContext();
        return await db.TenantSecrets.Where(secret => secret.TenantId == _tenant.Id && secret.Name == name).Select(secret => secret.EncryptedValue).SingleAsync();
    }

    private async Task<List<string>> StoredKeysAsync()
    {
        await using var db = _provider.NewContext();
        return await db.DataProtectionKeys.Select(key => key.Xml!).ToListAsync();
    }

    [Fact]
    public async Task The_migrations_build_the_model_with_nothing_left_to_migrate()
    {
        await using var db = _provider.NewContext();

        db.Database.HasPendingModelChanges().ShouldBeFalse();
        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_stored_column_is_not_the_value_and_the_value_reads_back()
    {
        var host = NewHost();

        await PutAsync(host, "crm", Plaintext);

        var stored = await StoredValueAsync("crm");
        stored.ShouldNotContain(Plaintext);
        stored.ShouldNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Plaintext)));
        (await ReadAsync(host, _tenant.Id, "crm")).ShouldBe(Plaintext);
    }

    [Fact]
    public async Task Another_host_on_the_same_database_decrypts_with_the_shared_key_ring()
    {
        await PutAsync(NewHost(), "crm", Plaintext);
        var otherHost = NewHost();

        var read = await ReadAsync(otherHost, _tenant.Id, "crm");

        read.ShouldBe(Plaintext);
        (await StoredKeysAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Put_twice_replaces_the_value_and_each_change_is_audited()
    {
        var host = NewHost();

        await PutAsync(host, "crm", "first-value");
        await PutAsync(host, "crm", Plaintext);

        (await ReadAsync(host, _tenant.Id, "crm")).ShouldBe(Plaintext);
        await using var db = _provider.NewContext();
        (await db.TenantSecrets.CountAsync(secret => secret.TenantId == _tenant.Id)).ShouldBe(1);
        var trail = await db.Set<AuditEvent>().Where(entry => entry.TenantId == _tenant.Id).OrderBy(entry => entry.Id).ToListAsync();
        trail.Select(entry => (entry.Action, entry.TargetType, entry.TargetId)).ShouldBe([("secret.put", "secret", "crm"), ("secret.put", "secret", "crm")]);
    }

    [Fact]
    public async Task Racing_puts_of_one_new_name_leave_one_secret_and_an_audit_row_each()
    {
        var host = NewHost();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => TryPutAsync(host, "crm", $"value-{i}"))));

        results.ShouldAllBe(result => result.IsSuccess);
        await using var db = _provider.NewContext();
        (await db.TenantSecrets.CountAsync(secret => secret.TenantId == _tenant.Id)).ShouldBe(1);
        (await db.Set<AuditEvent>().CountAsync(entry => entry.TenantId == _tenant.Id)).ShouldBe(6);
        (await ReadAsync(host, _tenant.Id, "crm")).ShouldStartWith("value-");
    }

    [Fact]
    public async Task Two_new_names_racing_for_the_last_free_place_leave_the_tenant_at_the_limit()
    {
        var host = NewHost();
        await using (var db = _provider.NewContext())
        {
            db.TenantSecrets.AddRange(Enumerable.Range(0, Domain.Secrets.TenantSecret.MaxPerTenant - 1)
                .Select(i => Domain.Secrets.TenantSecret.Create(_tenant.Id, $"seed_{i}", "not-read", DateTimeOffset.UtcNow)));
            await db.SaveChangesAsync();
        }

        var results = await Task.WhenAll(Task.Run(() => TryPutAsync(host, "first", Plaintext)), Task.Run(() => TryPutAsync(host, "second", Plaintext)));

        results.Count(result => result.IsSuccess).ShouldBe(1);
        results.Single(result => !result.IsSuccess).Error!.Code.ShouldBe(Application.Common.ErrorCodes.Conflict);
        await using var check = _provider.NewContext();
        (await check.TenantSecrets.CountAsync(secret => secret.TenantId == _tenant.Id)).ShouldBe(Domain.Secrets.TenantSecret.MaxPerTenant);
    }

    [Fact]
    public async Task A_value_copied_to_another_name_or_tenant_does_not_decrypt()
    {
        var host = NewHost();
        await PutAsync(host, "crm", Plaintext);
        await PutAsync(host, "other", "placeholder");
        var other = Tenant.Create(Guid.CreateVersion7(), "other", DateTimeOffset.UtcNow);
        await using (var db = _provider.NewContext())
        {
            db.Tenants.Add(other);
            db.TenantSecrets.Add(Domain.Secrets.TenantSecret.Create(other.Id, "crm", await StoredValueAsync("crm"), DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
            var stolen = await StoredValueAsync("crm");
            await db.TenantSecrets.Where(secret => secret.TenantId == _tenant.Id && secret.Name == "other")
                .ExecuteUpdateAsync(set => set.SetProperty(secret => secret.EncryptedValue, stolen));
        }

        var otherName = await Should.ThrowAsync<SecretUnreadableException>(() => ReadAsync(host, _tenant.Id, "other").AsTask());
        var otherTenant = await Should.ThrowAsync<SecretUnreadableException>(() => ReadAsync(host, other.Id, "crm").AsTask());

        otherName.Message.ShouldNotContain(Plaintext);
        otherTenant.Message.ShouldContain("'crm'");
    }

    [Fact]
    public async Task Without_the_stored_key_ring_a_value_cannot_be_read()
    {
        await PutAsync(NewHost(), "crm", Plaintext);
        await using (var db = _provider.NewContext())
        {
            await db.DataProtectionKeys.ExecuteDeleteAsync();
        }

        await Should.ThrowAsync<SecretUnreadableException>(() => ReadAsync(NewHost(), _tenant.Id, "crm").AsTask());
    }

    [Fact]
    public async Task With_a_key_ring_certificate_the_stored_keys_are_encrypted_and_only_hosts_with_it_read_values()
    {
        var certificate = WriteCertificate("keyring.pfx", "pfx-password");
        var withCertificate = new Dictionary<string, string?> { ["DATA_PROTECTION_CERT_PATH"] = certificate, ["DATA_PROTECTION_CERT_PASSWORD"] = "pfx-password" };

        await PutAsync(NewHost(withCertificate), "crm", Plaintext);

        var key = (await StoredKeysAsync()).ShouldHaveSingleItem();
        key.ShouldContain("encryptedSecret");
        key.ShouldNotContain("<value>");
        (await ReadAsync(NewHost(withCertificate), _tenant.Id, "crm")).ShouldBe(Plaintext);
        await Should.ThrowAsync<SecretUnreadableException>(() => ReadAsync(NewHost(), _tenant.Id, "crm").AsTask());
    }

    [Fact]
    public async Task Without_a_certificate_the_stored_key_is_plain_xml()
    {
        await PutAsync(NewHost(), "crm", Plaintext);

        (await StoredKeysAsync()).ShouldHaveSingleItem().ShouldContain("<value>");
    }

    private string WriteCertificate(string fileName, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=invorto-keyring-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_directory, fileName);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }
}

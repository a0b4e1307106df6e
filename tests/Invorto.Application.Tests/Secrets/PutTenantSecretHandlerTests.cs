using Ardalis.Specification;
using Invorto.Application.Abstractions;
using Invorto.Application.Common;
using Invorto.Application.Secrets;
using Invorto.Application.Secrets.PutTenantSecret;
using Invorto.Domain.Audit;
using Invorto.Domain.Secrets;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Invorto.Application.Tests.Secrets;

public sealed class PutTenantSecretHandlerTests
{
    private const string Value = "sk-live-9f8e7d6c5b4a";
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private readonly Guid _tenantId = Guid.NewGuid();
    private readonly Guid _keyId = Guid.NewGuid();
    private readonly IRepository<TenantSecret> _secrets = Substitute.For<IRepository<TenantSecret>>();
    private readonly IRepository<AuditEvent> _audit = Substitute.For<IRepository<AuditEvent>>();
    private readonly ISecretProtector _protector = Substitute.For<ISecretProtector>();
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly ITenantLock _tenantLock = Substitute.For<ITenantLock>();
    private readonly IIdGenerator _ids = Substitute.For<IIdGenerator>();
    private readonly FakeTimeProvider _clock = new(T0);

    public PutTenantSecretHandlerTests()
    {
        _ids.NewId().Returns(_ => Guid.CreateVersion7());
        _protector.Protect(Arg.Any<Guid>(), Arg.Any<string>(), Arg.Any<string>()).Returns(call => $"enc({call.ArgAt<string>(1)})");
        _unitOfWork.InTransactionAsync(Arg.Any<Func<CancellationToken, Task<Result<TenantSecretDto>>>>(), Arg.Any<CancellationToken>())
            .Returns(call => call.Arg<Func<CancellationToken, Task<Result<TenantSecretDto>>>>()(call.Arg<CancellationToken>()));
    }

    private PutTenantSecretHandler Handler => new(new PutTenantSecretValidator(), _secrets, _audit, _protector, _unitOfWork, _tenantLock, _ids, _clock);

    private TenantSecret Stored(string name)
    {
        var secret = TenantSecret.Create(_tenantId, name, "enc(old)", T0.AddDays(-1));
        _secrets.SingleOrDefaultAsync(Arg.Any<ISingleResultSpecification<TenantSecret>>(), Arg.Any<CancellationToken>()).Returns(secret);
        return secret;
    }

    [Fact]
    public async Task A_new_secret_is_stored_encrypted_under_the_tenants_lock_and_audited()
    {
        TenantSecret? saved = null;
        AuditEvent? audited = null;
        await _secrets.AddAsync(Arg.Do<TenantSecret>(secret => saved = secret), Arg.Any<CancellationToken>());
        await _audit.AddAsync(Arg.Do<AuditEvent>(entry => audited = entry), Arg.Any<CancellationToken>());

        var result = await Handler.HandleAsync(new PutTenantSecretCommand(_tenantId, _keyId, "crm", Value), CancellationToken.None);

        result.Value.ShouldBe(new TenantSecretDto("crm", T0, T0));
        _protector.Received(1).Protect(_tenantId, "crm", Value);
        saved!.EncryptedValue.ShouldBe("enc(crm)");
        saved.TenantId.ShouldBe(_tenantId);
        await _tenantLock.Received(1).LockAsync(_tenantId, Arg.Any<CancellationToken>());
        (audited!.TenantId, audited.ApiKeyId, audited.Action, audited.TargetType, audited.TargetId).ShouldBe((_tenantId, (Guid?)_keyId, "secret.put", "secret", "crm"));
    }

    [Fact]
    public async Task Putting_an_existing_name_replaces_its_value_and_keeps_its_creation_time()
    {
        var existing = Stored("crm");
        _clock.Advance(TimeSpan.FromMinutes(3));

        var result = await Handler.HandleAsync(new PutTenantSecretCommand(_tenantId, _keyId, "crm", Value), CancellationToken.None);

        result.Value.ShouldBe(new TenantSecretDto("crm", T0.AddDays(-1), T0.AddMinutes(3)));
        existing.EncryptedValue.ShouldBe("enc(crm)");
        await _secrets.Received(1).UpdateAsync(existing, Arg.Any<CancellationToken>());
        await _secrets.DidNotReceive().AddAsync(Arg.Any<TenantSecret>(), Arg.Any<CancellationToken>());
        await _audit.Received(1).AddAsync(Arg.Is<AuditEvent>(entry => entry.Action == "secret.put"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_new_name_over_the_per_tenant_limit_is_a_conflict_and_changes_nothing()
    {
        _secrets.CountAsync(Arg.Any<ISpecification<TenantSecret>>(), Arg.Any<CancellationToken>()).Returns(TenantSecret.MaxPerTenant);

        var result = await Handler.HandleAsync(new PutTenantSecretCommand(_tenantId, _keyId, "one_too_many", Value), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.Conflict);
        await _secrets.DidNotReceive().AddAsync(Arg.Any<TenantSecret>(), Arg.Any<CancellationToken>());
        await _audit.DidNotReceive().AddAsync(Arg.Any<AuditEvent>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Replacing_a_secret_at_the_limit_is_allowed()
    {
        Stored("crm");
        _secrets.CountAsync(Arg.Any<ISpecification<TenantSecret>>(), Arg.Any<CancellationToken>()).Returns(TenantSecret.MaxPerTenant);

        var result = await Handler.HandleAsync(new PutTenantSecretCommand(_tenantId, _keyId, "crm", Value), CancellationToken.None);

        result.IsSuccess.ShouldBeTrue();
    }

    [Theory]
    [InlineData("CRM")]
    [InlineData("crm-key")]
    [InlineData("")]
    [InlineData(null)]
    public async Task A_bad_name_is_a_validation_error_on_name_and_nothing_is_encrypted(string? name)
    {
        var result = await Handler.HandleAsync(new PutTenantSecretCommand(_tenantId, _keyId, name, Value), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.BadRequest);
        result.Error.Fields!.Keys.ShouldBe(["name"]);
        _protector.DidNotReceiveWithAnyArgs().Protect(default, default!, default!);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("x", TenantSecret.MaxValueLength + 1)]
    public async Task A_missing_empty_or_too_long_value_is_a_validation_error_that_does_not_quote_it(string? value, int repeat = 1)
    {
        var sent = value is null ? null : string.Concat(Enumerable.Repeat(value, repeat));

        var result = await Handler.HandleAsync(new PutTenantSecretCommand(_tenantId, _keyId, "crm", sent), CancellationToken.None);

        result.Error!.Fields!.Keys.ShouldBe(["value"]);
        if (sent is { Length: > 0 })
        {
            result.Error.Fields["value"].ShouldAllBe(message => !message.Contains(sent, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_value_of_exactly_the_maximum_length_is_accepted()
    {
        var result = await Handler.HandleAsync(new PutTenantSecretCommand(_tenantId, _keyId, "crm", new string('v', TenantSecret.MaxValueLength)), CancellationToken.None);

        result.IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public void The_command_never_prints_its_value()
    {
        var command = new PutTenantSecretCommand(_tenantId, _keyId, "crm", Value);

        var printed = command.ToString();

        printed.ShouldNotContain(Value);
        printed.ShouldContain("crm");
    }
}

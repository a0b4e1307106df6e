using Ardalis.Specification;
using Invorto.Application.Abstractions;
using Invorto.Application.Common;
using Invorto.Application.Secrets.DeleteTenantSecret;
using Invorto.Domain.Audit;
using Invorto.Domain.Secrets;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Invorto.Application.Tests.Secrets;

public sealed class DeleteTenantSecretHandlerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private readonly Guid _tenantId = Guid.NewGuid();
    private readonly Guid _keyId = Guid.NewGuid();
    private readonly IRepository<TenantSecret> _secrets = Substitute.For<IRepository<TenantSecret>>();
    private readonly IRepository<AuditEvent> _audit = Substitute.For<IRepository<AuditEvent>>();
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly IIdGenerator _ids = Substitute.For<IIdGenerator>();

    public DeleteTenantSecretHandlerTests()
    {
        _ids.NewId().Returns(_ => Guid.CreateVersion7());
        _unitOfWork.InTransactionAsync(Arg.Any<Func<CancellationToken, Task<Result<string>>>>(), Arg.Any<CancellationToken>())
            .Returns(call => call.Arg<Func<CancellationToken, Task<Result<string>>>>()(call.Arg<CancellationToken>()));
    }

    private DeleteTenantSecretHandler Handler => new(new DeleteTenantSecretValidator(), _secrets, _audit, _unitOfWork, _ids, new FakeTimeProvider(T0));

    [Fact]
    public async Task An_existing_secret_is_deleted_and_the_deletion_audited()
    {
        var secret = TenantSecret.Create(_tenantId, "crm", "enc", T0);
        _secrets.SingleOrDefaultAsync(Arg.Any<ISingleResultSpecification<TenantSecret>>(), Arg.Any<CancellationToken>()).Returns(secret);

        var result = await Handler.HandleAsync(new DeleteTenantSecretCommand(_tenantId, _keyId, "crm"), CancellationToken.None);

        result.Value.ShouldBe("crm");
        await _secrets.Received(1).DeleteAsync(secret, Arg.Any<CancellationToken>());
        await _audit.Received(1).AddAsync(
            Arg.Is<AuditEvent>(entry => entry.Action == "secret.deleted" && entry.TargetId == "crm" && entry.ApiKeyId == _keyId && entry.Ts == T0),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task An_absent_secret_is_not_found_and_nothing_is_audited()
    {
        var result = await Handler.HandleAsync(new DeleteTenantSecretCommand(_tenantId, _keyId, "crm"), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.NotFound);
        await _audit.DidNotReceive().AddAsync(Arg.Any<AuditEvent>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_bad_name_is_a_validation_error_on_name()
    {
        var result = await Handler.HandleAsync(new DeleteTenantSecretCommand(_tenantId, _keyId, "Not A Name"), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.BadRequest);
        result.Error.Fields!.Keys.ShouldBe(["name"]);
        await _secrets.DidNotReceive().DeleteAsync(Arg.Any<TenantSecret>(), Arg.Any<CancellationToken>());
    }
}

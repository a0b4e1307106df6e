using Ardalis.Specification;
using Invorto.Application.Abstractions;
using Invorto.Application.ApiKeys.RevokeApiKey;
using Invorto.Application.Common;
using Invorto.Domain.Tenants;
using NSubstitute;

namespace Invorto.Application.Tests.ApiKeys;

public sealed class RevokeApiKeyHandlerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private readonly IRepository<ApiKey> _keys = Substitute.For<IRepository<ApiKey>>();

    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly ITenantLock _tenantLock = Substitute.For<ITenantLock>();

    public RevokeApiKeyHandlerTests() =>
        _unitOfWork.InTransactionAsync(Arg.Any<Func<CancellationToken, Task<Result<Guid>>>>(), Arg.Any<CancellationToken>())
            .Returns(call => call.Arg<Func<CancellationToken, Task<Result<Guid>>>>()(call.Arg<CancellationToken>()));

    private RevokeApiKeyHandler Handler => new(_keys, _unitOfWork, _tenantLock);

    private ApiKey Stored(ApiKeyRole role, int activeAdmins)
    {
        var key = ApiKey.Issue(Guid.NewGuid(), Guid.NewGuid(), "k", role, ApiKeySecret.Generate("test"), T0);
        _keys.SingleOrDefaultAsync(Arg.Any<ISingleResultSpecification<ApiKey>>(), Arg.Any<CancellationToken>()).Returns(key);
        _keys.CountAsync(Arg.Any<ISpecification<ApiKey>>(), Arg.Any<CancellationToken>()).Returns(activeAdmins);
        return key;
    }

    [Fact]
    public async Task The_last_active_admin_key_is_kept_with_a_conflict()
    {
        var key = Stored(ApiKeyRole.Admin, activeAdmins: 1);

        var result = await Handler.HandleAsync(new RevokeApiKeyCommand(key.TenantId, key.Id), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.Conflict);
        result.Error.Message.ShouldContain("last active admin key");
        key.Active.ShouldBeTrue();
        await _keys.DidNotReceive().UpdateAsync(Arg.Any<ApiKey>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task An_admin_key_with_another_active_admin_is_revoked()
    {
        var key = Stored(ApiKeyRole.Admin, activeAdmins: 2);

        var result = await Handler.HandleAsync(new RevokeApiKeyCommand(key.TenantId, key.Id), CancellationToken.None);

        result.IsSuccess.ShouldBeTrue();
        key.Active.ShouldBeFalse();
        await _keys.Received(1).UpdateAsync(key, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_dev_key_is_revoked_without_counting_admins()
    {
        var key = Stored(ApiKeyRole.Dev, activeAdmins: 0);

        var result = await Handler.HandleAsync(new RevokeApiKeyCommand(key.TenantId, key.Id), CancellationToken.None);

        result.IsSuccess.ShouldBeTrue();
        key.Active.ShouldBeFalse();
        await _keys.DidNotReceive().CountAsync(Arg.Any<ISpecification<ApiKey>>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Revoking_a_revoked_key_succeeds_without_saving()
    {
        var key = Stored(ApiKeyRole.Admin, activeAdmins: 0);
        key.Revoke();

        var result = await Handler.HandleAsync(new RevokeApiKeyCommand(key.TenantId, key.Id), CancellationToken.None);

        result.IsSuccess.ShouldBeTrue();
        await _keys.DidNotReceive().UpdateAsync(Arg.Any<ApiKey>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task The_admin_count_is_read_under_the_tenants_lock()
    {
        var key = Stored(ApiKeyRole.Admin, activeAdmins: 2);

        await Handler.HandleAsync(new RevokeApiKeyCommand(key.TenantId, key.Id), CancellationToken.None);

        Received.InOrder(() =>
        {
            _tenantLock.LockAsync(key.TenantId, Arg.Any<CancellationToken>());
            _keys.CountAsync(Arg.Any<ISpecification<ApiKey>>(), Arg.Any<CancellationToken>());
            _keys.UpdateAsync(key, Arg.Any<CancellationToken>());
        });
    }

    [Fact]
    public async Task Unknown_key_is_not_found()
    {
        var result = await Handler.HandleAsync(new RevokeApiKeyCommand(Guid.NewGuid(), Guid.NewGuid()), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.NotFound);
    }
}

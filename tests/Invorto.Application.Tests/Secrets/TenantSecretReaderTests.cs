using Ardalis.Specification;
using Invorto.Application.Abstractions;
using Invorto.Application.Secrets;
using Invorto.Domain.Secrets;
using NSubstitute;

namespace Invorto.Application.Tests.Secrets;

public sealed class TenantSecretReaderTests
{
    private readonly Guid _tenantId = Guid.NewGuid();
    private readonly IReadRepository<TenantSecret> _secrets = Substitute.For<IReadRepository<TenantSecret>>();
    private readonly ISecretProtector _protector = Substitute.For<ISecretProtector>();

    private TenantSecretReader Reader => new(_secrets, _protector);

    [Fact]
    public async Task A_stored_secret_is_decrypted_for_its_tenant_and_name()
    {
        _secrets.SingleOrDefaultAsync(Arg.Any<ISingleResultSpecification<TenantSecret>>(), Arg.Any<CancellationToken>())
            .Returns(TenantSecret.Create(_tenantId, "crm", "enc", DateTimeOffset.UnixEpoch));
        _protector.Unprotect(_tenantId, "crm", "enc").Returns("plain");

        var value = await Reader.GetAsync(_tenantId, "crm", CancellationToken.None);

        value.ShouldBe("plain");
    }

    [Fact]
    public async Task An_absent_secret_is_null()
    {
        var value = await Reader.GetAsync(_tenantId, "crm", CancellationToken.None);

        value.ShouldBeNull();
        _protector.DidNotReceiveWithAnyArgs().Unprotect(default, default!, default!);
    }

    [Fact]
    public async Task A_name_that_cannot_exist_is_null_without_a_lookup()
    {
        var value = await Reader.GetAsync(_tenantId, "Not A Name", CancellationToken.None);

        value.ShouldBeNull();
        await _secrets.DidNotReceiveWithAnyArgs().SingleOrDefaultAsync(Arg.Any<ISingleResultSpecification<TenantSecret>>(), Arg.Any<CancellationToken>());
    }
}

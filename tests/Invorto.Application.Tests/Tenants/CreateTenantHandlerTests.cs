using Invorto.Application.Abstractions;
using Invorto.Application.Common;
using Invorto.Application.Tenants.CreateTenant;
using Invorto.Domain.Tenants;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Invorto.Application.Tests.Tenants;

public sealed class CreateTenantHandlerTests
{
    private readonly IRepository<Tenant> _tenants = Substitute.For<IRepository<Tenant>>();
    private readonly IRepository<ApiKey> _keys = Substitute.For<IRepository<ApiKey>>();
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly IIdGenerator _ids = Substitute.For<IIdGenerator>();
    private readonly CreateTenantHandler _handler;

    public CreateTenantHandlerTests()
    {
        _ids.NewId().Returns(_ => Guid.CreateVersion7());
        _unitOfWork.InTransactionAsync(Arg.Any<Func<CancellationToken, Task<Result<TenantCreated>>>>(), Arg.Any<CancellationToken>())
            .Returns(call => call.Arg<Func<CancellationToken, Task<Result<TenantCreated>>>>()(CancellationToken.None));
        _handler = new CreateTenantHandler(new CreateTenantValidator(), _tenants, _keys, _unitOfWork, _ids, new ApiKeyEnvironment("test"), new FakeTimeProvider());
    }

    [Fact]
    public async Task New_tenant_gets_an_admin_key_whose_secret_is_returned_once_and_stored_hashed()
    {
        ApiKey? saved = null;
        await _keys.AddAsync(Arg.Do<ApiKey>(key => saved = key), Arg.Any<CancellationToken>());

        var result = await _handler.HandleAsync(new CreateTenantCommand("acme"), CancellationToken.None);

        result.IsSuccess.ShouldBeTrue();
        result.Value!.ApiKey.ShouldStartWith("inv_test_");
        saved.ShouldNotBeNull();
        saved.Role.ShouldBe(ApiKeyRole.Admin);
        saved.TenantId.ShouldBe(result.Value.TenantId);
        saved.Hash.ShouldBe(ApiKeySecret.HashOf(result.Value.ApiKey));
        await _tenants.Received(1).AddAsync(Arg.Is<Tenant>(t => t.Name == "acme"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Blank_name_is_a_validation_error_and_nothing_is_written()
    {
        var result = await _handler.HandleAsync(new CreateTenantCommand(""), CancellationToken.None);

        result.Error!.Fields!.ShouldContainKey("name");
        await _tenants.DidNotReceiveWithAnyArgs().AddAsync(default!, default);
        await _keys.DidNotReceiveWithAnyArgs().AddAsync(default!, default);
    }
}

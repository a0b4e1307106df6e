using Invorto.Application.Abstractions;
using Invorto.Application.ApiKeys.CreateApiKey;
using Invorto.Application.Common;
using Invorto.Domain.Tenants;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Invorto.Application.Tests.ApiKeys;

public sealed class CreateApiKeyHandlerTests
{
    private readonly IRepository<ApiKey> _keys = Substitute.For<IRepository<ApiKey>>();
    private readonly IIdGenerator _ids = Substitute.For<IIdGenerator>();
    private readonly CreateApiKeyHandler _handler;

    public CreateApiKeyHandlerTests()
    {
        _ids.NewId().Returns(_ => Guid.CreateVersion7());
        _handler = new CreateApiKeyHandler(new CreateApiKeyValidator(), _keys, _ids, new ApiKeyEnvironment("test"), new FakeTimeProvider());
    }

    [Fact]
    public async Task The_secret_is_returned_once_and_only_its_hash_is_stored()
    {
        ApiKey? saved = null;
        await _keys.AddAsync(Arg.Do<ApiKey>(key => saved = key), Arg.Any<CancellationToken>());
        var tenantId = Guid.NewGuid();

        var result = await _handler.HandleAsync(new CreateApiKeyCommand(tenantId, " ci ", "Analyst"), CancellationToken.None);

        result.Value!.Key.ShouldStartWith("inv_test_");
        result.Value.Role.ShouldBe(ApiKeyRole.Analyst);
        saved!.TenantId.ShouldBe(tenantId);
        saved.Name.ShouldBe("ci");
        saved.Hash.ShouldBe(ApiKeySecret.HashOf(result.Value.Key));
    }

    [Theory]
    [InlineData("owner")]
    [InlineData("0")]
    [InlineData(null)]
    public async Task Unknown_roles_are_refused_on_the_role_field(string? role)
    {
        var result = await _handler.HandleAsync(new CreateApiKeyCommand(Guid.NewGuid(), "ci", role), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.BadRequest);
        result.Error.Fields!.Keys.ShouldBe(["role"]);
        await _keys.DidNotReceive().AddAsync(Arg.Any<ApiKey>(), Arg.Any<CancellationToken>());
    }
}

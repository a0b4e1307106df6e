using Ardalis.Specification;
using Invorto.Application.Abstractions;
using Invorto.Application.ApiKeys.Authenticate;
using Invorto.Domain.Tenants;
using NSubstitute;

namespace Invorto.Application.Tests.Security;

public sealed class ApiKeyAuthenticatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private readonly IReadRepository<ApiKey> _keys = Substitute.For<IReadRepository<ApiKey>>();
    private readonly IApiKeyUsage _usage = Substitute.For<IApiKeyUsage>();

    private ApiKeyAuthenticator Authenticator => new(_keys, _usage, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Blank_key_is_not_looked_up(string? presented)
    {
        var caller = await Authenticator.AuthenticateAsync(presented, CancellationToken.None);

        caller.ShouldBeNull();
        await _keys.DidNotReceiveWithAnyArgs().SingleOrDefaultAsync(default(ISingleResultSpecification<ApiKey>)!, default);
    }

    [Fact]
    public async Task Absurdly_long_key_is_not_looked_up()
    {
        var caller = await Authenticator.AuthenticateAsync(new string('k', 10_000), CancellationToken.None);

        caller.ShouldBeNull();
    }

    [Fact]
    public async Task Known_key_becomes_a_caller_of_its_tenant_and_role()
    {
        var secret = ApiKeySecret.Generate("live");
        var key = ApiKey.Issue(Guid.NewGuid(), Guid.NewGuid(), "k", ApiKeyRole.Analyst, secret, DateTimeOffset.UnixEpoch);
        _keys.SingleOrDefaultAsync(Arg.Any<ISingleResultSpecification<ApiKey>>(), Arg.Any<CancellationToken>()).Returns(key);

        var caller = await Authenticator.AuthenticateAsync(secret.Value, CancellationToken.None);

        caller.ShouldNotBeNull();
        caller.TenantId.ShouldBe(key.TenantId);
        caller.Role.ShouldBe(ApiKeyRole.Analyst);
    }

    [Fact]
    public async Task Known_key_is_noted_as_used_now()
    {
        var secret = ApiKeySecret.Generate("live");
        var key = ApiKey.Issue(Guid.NewGuid(), Guid.NewGuid(), "k", ApiKeyRole.Dev, secret, DateTimeOffset.UnixEpoch);
        _keys.SingleOrDefaultAsync(Arg.Any<ISingleResultSpecification<ApiKey>>(), Arg.Any<CancellationToken>()).Returns(key);

        await Authenticator.AuthenticateAsync(secret.Value, CancellationToken.None);

        _usage.Received(1).Touch(key.Id, Now);
    }

    [Fact]
    public async Task Unknown_key_is_not_noted_as_used()
    {
        await Authenticator.AuthenticateAsync("inv_live_unknown", CancellationToken.None);

        _usage.DidNotReceiveWithAnyArgs().Touch(default, default);
    }

    [Fact]
    public void Lookup_specification_matches_only_active_keys_with_that_hash()
    {
        var secret = ApiKeySecret.Generate("live");
        var active = ApiKey.Issue(Guid.NewGuid(), Guid.NewGuid(), "a", ApiKeyRole.Dev, secret, DateTimeOffset.UnixEpoch);
        var revoked = ApiKey.Issue(Guid.NewGuid(), Guid.NewGuid(), "b", ApiKeyRole.Dev, secret, DateTimeOffset.UnixEpoch);
        revoked.Revoke();
        var other = ApiKey.Issue(Guid.NewGuid(), Guid.NewGuid(), "c", ApiKeyRole.Dev, ApiKeySecret.Generate("live"), DateTimeOffset.UnixEpoch);

        var matches = new Invorto.Application.ApiKeys.Specifications.ActiveApiKeyByHashSpec(secret.Hash()).Evaluate([active, revoked, other]);

        matches.ShouldBe([active]);
    }
}

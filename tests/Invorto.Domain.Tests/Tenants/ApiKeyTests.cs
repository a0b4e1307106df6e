using Invorto.Domain.Tenants;

namespace Invorto.Domain.Tests.Tenants;

public sealed class ApiKeyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Generated_secret_has_the_spec_format_and_enough_entropy()
    {
        var secret = ApiKeySecret.Generate("live");

        secret.Value.ShouldStartWith("inv_live_");
        secret.Value.Length.ShouldBeGreaterThanOrEqualTo("inv_live_".Length + 32);
        ApiKeySecret.Generate("live").Value.ShouldNotBe(secret.Value);
    }

    [Fact]
    public void Key_stores_the_sha256_hash_never_the_secret()
    {
        var secret = ApiKeySecret.Generate("test");

        var key = ApiKey.Issue(Guid.NewGuid(), Guid.NewGuid(), "ci", ApiKeyRole.Dev, secret, T0);

        key.Hash.ShouldBe(ApiKeySecret.HashOf(secret.Value));
        key.Hash.Length.ShouldBe(64);
        key.Hash.ShouldNotContain(secret.Value);
        key.Active.ShouldBeTrue();
    }

    [Fact]
    public void Known_vector_hashes_as_sha256_hex()
    {
        ApiKeySecret.HashOf("abc").ShouldBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    [Fact]
    public void Secret_never_prints_itself()
    {
        ApiKeySecret.Generate("live").ToString().ShouldBe("inv_***");
    }

    [Fact]
    public void Revoked_key_is_inactive()
    {
        var key = ApiKey.Issue(Guid.NewGuid(), Guid.NewGuid(), "ci", ApiKeyRole.Admin, ApiKeySecret.Generate("live"), T0);

        key.Revoke();

        key.Active.ShouldBeFalse();
    }
}

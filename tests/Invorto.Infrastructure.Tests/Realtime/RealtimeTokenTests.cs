using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Invorto.Infrastructure.Configuration;
using Invorto.Infrastructure.Persistence;
using Invorto.Infrastructure.Realtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Invorto.Infrastructure.Tests.Realtime;

public sealed class RealtimeTokenTests
{
    private const string Secret = "0123456789abcdef0123456789abcdef";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
    private readonly Guid _tenant = Guid.NewGuid();
    private readonly Guid _call = Guid.NewGuid();

    private static RealtimeSigningKey Key(string secret = Secret) => new(
        Options.Create(new RealtimeOptions { WsSecret = secret }),
        Options.Create(new DatabaseOptions()),
        new HostingEnvironment { EnvironmentName = Environments.Production });

    private RealtimeTokenIssuer Issuer(string secret = Secret) => new(Key(secret), _clock);

    private RealtimeTokenValidator Validator() => new(Key(), _clock);

    /// <summary>A token written by hand, to reach the cases our issuer refuses to mint.</summary>
    private string HandMade(TimeSpan issuedAgo, TimeSpan lifetime, bool withIat = true)
    {
        var issued = _clock.GetUtcNow() - issuedAgo;
        var payload = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["tenantId"] = _tenant.ToString(),
            ["callId"] = _call.ToString(),
            ["exp"] = (issued + lifetime).ToUnixTimeSeconds(),
        };
        if (withIat)
        {
            payload["iat"] = issued.ToUnixTimeSeconds();
        }

        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = payload,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Secret)), SecurityAlgorithms.HmacSha256),
        });
    }

    [Fact]
    public async Task Minted_token_validates_to_its_tenant_and_call()
    {
        var token = Issuer().Mint(_tenant, _call);

        var claims = await Validator().ValidateAsync(token.Value);

        claims.ShouldNotBeNull();
        (claims.TenantId, claims.CallId, claims.ExpiresAt).ShouldBe((_tenant, _call, token.ExpiresAt));
        token.ExpiresAt.ShouldBe(_clock.GetUtcNow() + RealtimeTokenIssuer.DefaultLifetime);
    }

    [Fact]
    public void Minted_token_is_a_plain_hs256_jwt()
    {
        var jwt = new JsonWebToken(Issuer().Mint(_tenant, _call, TimeSpan.FromMinutes(15)).Value);

        jwt.Alg.ShouldBe("HS256");
        (jwt.GetPayloadValue<long>("exp") - jwt.GetPayloadValue<long>("iat")).ShouldBe(900);
    }

    [Fact]
    public async Task Expired_token_is_refused_after_the_clock_skew()
    {
        var token = Issuer().Mint(_tenant, _call, TimeSpan.FromMinutes(5)).Value;

        _clock.Advance(TimeSpan.FromMinutes(5) + RealtimeTokenValidator.ClockSkew - TimeSpan.FromSeconds(1));
        (await Validator().ValidateAsync(token)).ShouldNotBeNull();

        _clock.Advance(TimeSpan.FromSeconds(2));
        (await Validator().ValidateAsync(token)).ShouldBeNull();
    }

    [Fact]
    public async Task Token_living_longer_than_15_minutes_is_refused()
    {
        (await Validator().ValidateAsync(HandMade(TimeSpan.Zero, TimeSpan.FromMinutes(15)))).ShouldNotBeNull();
        (await Validator().ValidateAsync(HandMade(TimeSpan.Zero, TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1)))).ShouldBeNull();
    }

    [Fact]
    public async Task Token_without_iat_is_refused()
    {
        (await Validator().ValidateAsync(HandMade(TimeSpan.Zero, TimeSpan.FromMinutes(5), withIat: false))).ShouldBeNull();
    }

    [Fact]
    public async Task Token_issued_in_the_future_is_refused()
    {
        (await Validator().ValidateAsync(HandMade(TimeSpan.FromMinutes(-5), TimeSpan.FromMinutes(5)))).ShouldBeNull();
    }

    [Fact]
    public async Task Token_signed_with_our_key_but_another_algorithm_is_refused()
    {
        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        var signed = $$"""{{Part("""{"alg":"HS512","typ":"JWT"}""")}}.{{Part($$"""{"tenantId":"{{_tenant}}","callId":"{{_call}}","iat":{{now}},"exp":{{now + 300}}}""")}}""";
        var signature = Base64Url.EncodeToString(HMACSHA512.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.ASCII.GetBytes(signed)));

        (await Validator().ValidateAsync($"{signed}.{signature}")).ShouldBeNull();
    }

    [Fact]
    public async Task Tampered_payload_or_signature_is_refused()
    {
        var token = Issuer().Mint(_tenant, _call).Value;
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace(_tenant.ToString(), Guid.NewGuid().ToString(), StringComparison.Ordinal);
        var forgedPayload = $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";
        var forgedSignature = $"{parts[0]}.{parts[1]}.{Base64Url.EncodeToString(new byte[32])}";

        (await Validator().ValidateAsync(forgedPayload)).ShouldBeNull();
        (await Validator().ValidateAsync(forgedSignature)).ShouldBeNull();
    }

    [Fact]
    public async Task Token_of_another_secret_is_refused()
    {
        var token = Issuer("another-secret-another-secret-another").Mint(_tenant, _call).Value;

        (await Validator().ValidateAsync(token)).ShouldBeNull();
    }

    [Fact]
    public async Task Unsigned_alg_none_token_is_refused()
    {
        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        var unsigned = $$"""{{Part("""{"alg":"none","typ":"JWT"}""")}}.{{Part($$"""{"tenantId":"{{_tenant}}","callId":"{{_call}}","iat":{{now}},"exp":{{now + 300}}}""")}}.""";

        (await Validator().ValidateAsync(unsigned)).ShouldBeNull();
    }

    private static string Part(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not.a.jwt")]
    public async Task Garbage_is_refused(string? token)
    {
        (await Validator().ValidateAsync(token)).ShouldBeNull();
    }

    [Fact]
    public void Issuer_refuses_a_lifetime_over_15_minutes()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Issuer().Mint(_tenant, _call, TimeSpan.FromMinutes(16)));
    }
}

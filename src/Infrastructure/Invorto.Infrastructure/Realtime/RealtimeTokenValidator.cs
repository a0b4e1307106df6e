using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Invorto.Infrastructure.Realtime;

/// <summary>
/// Checks a browser token (spec §5.1): HS256 only (no <c>alg: none</c>, no other algorithm), signed with our key,
/// <c>iat</c> and <c>exp</c> present, at most <see cref="RealtimeTokenIssuer.MaxLifetime"/> apart, not expired
/// (by this process's clock, with <see cref="ClockSkew"/>), and naming a tenant and a call.
/// </summary>
public sealed class RealtimeTokenValidator(RealtimeSigningKey signingKey, TimeProvider clock)
{
    public const int MaxTokenLength = 4096;

    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly Lazy<SymmetricSecurityKey> _key = new(() => new SymmetricSecurityKey(signingKey.Key.ToArray()));

    /// <summary>The token's claims, or null when it is not one of ours or no longer valid.</summary>
    public async Task<RealtimeTokenClaims?> ValidateAsync(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > MaxTokenLength)
        {
            return null;
        }

        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            IssuerSigningKey = _key.Value,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        });
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt
            || !jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Iat, out var iat)
            || !jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Exp, out var exp)
            || !jwt.TryGetPayloadValue<string>(RealtimeTokenIssuer.TenantIdClaim, out var tenant) || !Guid.TryParse(tenant, out var tenantId)
            || !jwt.TryGetPayloadValue<string>(RealtimeTokenIssuer.CallIdClaim, out var call) || !Guid.TryParse(call, out var callId))
        {
            return null;
        }

        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(iat);
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(exp);
        var now = clock.GetUtcNow();
        var lifetime = expiresAt - issuedAt;
        return lifetime > TimeSpan.Zero && lifetime <= RealtimeTokenIssuer.MaxLifetime
            && issuedAt <= now + ClockSkew
            && now <= expiresAt + ClockSkew
                ? new RealtimeTokenClaims(tenantId, callId, issuedAt, expiresAt)
                : null;
    }
}

using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Invorto.Infrastructure.Realtime;

/// <summary>
/// Mints the short-lived browser token of spec §5.1: an HS256 JWT signed with <c>REALTIME_WS_SECRET</c> (through
/// <see cref="RealtimeSigningKey"/>) carrying <c>tenantId</c>, <c>callId</c>, <c>iat</c> and <c>exp</c>, at most 15 minutes apart.
/// </summary>
public sealed class RealtimeTokenIssuer(RealtimeSigningKey signingKey, TimeProvider clock)
{
    public const string TenantIdClaim = "tenantId";
    public const string CallIdClaim = "callId";

    /// <summary>The longest lifetime a token may have; the realtime host refuses longer ones.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(15);

    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(10);

    private readonly Lazy<SymmetricSecurityKey> _key = new(() => new SymmetricSecurityKey(signingKey.Key.ToArray()));

    public RealtimeToken Mint(Guid tenantId, Guid callId, TimeSpan? lifetime = null)
    {
        var validFor = lifetime ?? DefaultLifetime;
        if (validFor <= TimeSpan.Zero || validFor > MaxLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), validFor, $"A realtime token lives at most {MaxLifetime.TotalMinutes} minutes.");
        }

        // Whole seconds, as JWT times are: what the token says is exactly what the caller is told.
        var now = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().ToUnixTimeSeconds());
        var expires = now.Add(validFor);
        var token = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                [TenantIdClaim] = tenantId.ToString(),
                [CallIdClaim] = callId.ToString(),
            },
            IssuedAt = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(_key.Value, SecurityAlgorithms.HmacSha256),
        });
        return new RealtimeToken(token, expires);
    }
}

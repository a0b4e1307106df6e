using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Invorto.Infrastructure.Realtime;

/// <summary>
/// The short token minted into a Jambonz <c>listen</c> verb's metadata (spec §5.2): it proves to the realtime host that
/// the socket comes from a call hook we answered. <c>&lt;callId&gt;.&lt;tenantId&gt;.&lt;agentId&gt;.&lt;exp&gt;.&lt;mac&gt;</c>, the MAC
/// HMAC-SHA256 over the first four parts, truncated to 128 bits, base64url.
/// </summary>
public sealed class ListenToken(RealtimeSigningKey signingKey, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public string Mint(Guid callId, Guid tenantId, Guid agentId)
    {
        var expires = clock.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        var payload = $"{callId:N}.{tenantId:N}.{agentId:N}.{expires}";
        return $"{payload}.{Mac(payload)}";
    }

    /// <summary>True when the token is ours, unexpired and names exactly this call, tenant and agent.</summary>
    public bool Verify(string? token, Guid callId, Guid tenantId, Guid agentId)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 256)
        {
            return false;
        }

        var lastDot = token.LastIndexOf('.');
        if (lastDot <= 0)
        {
            return false;
        }

        var payload = token[..lastDot];
        var parts = payload.Split('.');
        if (parts.Length != 4
            || parts[0] != callId.ToString("N") || parts[1] != tenantId.ToString("N") || parts[2] != agentId.ToString("N")
            || !long.TryParse(parts[3], out var expires)
            // Compared as seconds: FromUnixTimeSeconds throws for an exp beyond year 9999, and the token is untrusted here.
            || expires < clock.GetUtcNow().ToUnixTimeSeconds())
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token[(lastDot + 1)..]), Encoding.ASCII.GetBytes(Mac(payload)));
    }

    private string Mac(string payload)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(signingKey.Key, Encoding.UTF8.GetBytes(payload), mac);
        return Base64Url.EncodeToString(mac[..16]);
    }
}

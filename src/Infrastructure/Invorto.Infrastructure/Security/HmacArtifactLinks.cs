using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Invorto.Application.Abstractions;
using Invorto.Application.Calls;
using Invorto.Infrastructure.Configuration;
using Invorto.Infrastructure.Realtime;
using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Security;

/// <summary>
/// sig = hex(HMAC-SHA256(k, "&lt;callId&gt;.&lt;kind&gt;.&lt;exp&gt;")) where k is derived from the realtime signing key
/// (<c>REALTIME_WS_SECRET</c>, or the development secret the hosts of a machine share) with its own label, so a link
/// signature is never valid as any other token.
/// </summary>
internal sealed class HmacArtifactLinks(RealtimeSigningKey signingKey, IOptions<PublicUrlsOptions> urls) : IArtifactLinks
{
    private static readonly byte[] DerivationLabel = Encoding.UTF8.GetBytes("invorto/artifact-link/v1");

    private readonly Lazy<byte[]> _key = new(() => HMACSHA256.HashData(signingKey.Key, DerivationLabel));

    public Uri Create(Guid callId, ArtifactKind kind, DateTimeOffset expiresAt)
    {
        var exp = expiresAt.ToUnixTimeSeconds();
        var baseUrl = urls.Value.ApiBaseUrl.TrimEnd('/');
        return new Uri(string.Create(CultureInfo.InvariantCulture, $"{baseUrl}/artifacts/{callId:D}/{ArtifactKinds.NameOf(kind)}?exp={exp}&sig={Sign(callId, kind, exp)}"));
    }

    public bool Verify(Guid callId, ArtifactKind kind, long expiresAtUnixSeconds, string signature)
    {
        if (signature.Length != 64)
        {
            return false;
        }

        byte[] presented;
        try
        {
            presented = Convert.FromHexString(signature);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(presented, Mac(callId, kind, expiresAtUnixSeconds));
    }

    private string Sign(Guid callId, ArtifactKind kind, long exp) => Convert.ToHexStringLower(Mac(callId, kind, exp));

    private byte[] Mac(Guid callId, ArtifactKind kind, long exp) =>
        HMACSHA256.HashData(_key.Value, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{callId:D}.{ArtifactKinds.NameOf(kind)}.{exp}")));
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Invorto.Infrastructure.Telephony.Jambonz;

/// <summary>
/// <c>Jambonz-Signature: t=&lt;unix&gt;,v1=&lt;hex&gt;</c> where v1 = HMAC-SHA256(secret, "&lt;t&gt;.&lt;raw body&gt;") (spec §6).
/// Several <c>v1</c> entries are allowed (secret rotation); one match is enough.
/// </summary>
public static class JambonzSignature
{
    public const string HeaderName = "Jambonz-Signature";
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(300);

    public static string Sign(string secret, long unixSeconds, ReadOnlySpan<byte> body) =>
        $"t={unixSeconds.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(Mac(secret, unixSeconds, body))}";

    public static SignatureCheck Verify(string secret, string? header, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return SignatureCheck.Missing;
        }

        long? timestamp = null;
        var candidates = new List<byte[]>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = part.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                continue;
            }

            var key = part[..separator];
            var value = part[(separator + 1)..];
            if (key == "t" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (key == "v1" && value.Length == 64 && TryFromHex(value, out var mac))
            {
                candidates.Add(mac);
            }
        }

        if (timestamp is null || candidates.Count == 0)
        {
            return SignatureCheck.Malformed;
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(timestamp.Value)).Duration() > Tolerance)
        {
            return SignatureCheck.Stale;
        }

        var expected = Mac(secret, timestamp.Value, body);
        return candidates.Exists(candidate => CryptographicOperations.FixedTimeEquals(candidate, expected))
            ? SignatureCheck.Valid
            : SignatureCheck.Mismatch;
    }

    private static byte[] Mac(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }

    private static bool TryFromHex(string hex, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromHexString(hex);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}

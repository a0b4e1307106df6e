using System.Security.Cryptography;
using System.Text;

namespace Invorto.Infrastructure.Telephony.Twilio;

/// <summary>
/// <c>X-Twilio-Signature</c>: base64 HMAC-SHA1 (auth token) of the full request URL followed by every form
/// parameter's name and value, sorted by name (ordinal), concatenated without separators.
/// </summary>
public static class TwilioSignature
{
    public const string HeaderName = "X-Twilio-Signature";

    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var data = new StringBuilder(url);
        foreach (var (key, value) in form.OrderBy(pair => pair.Key, StringComparer.Ordinal).ThenBy(pair => pair.Value, StringComparer.Ordinal))
        {
            data.Append(key).Append(value);
        }

#pragma warning disable CA5350 // Twilio defines the signature as HMAC-SHA1; we verify theirs, we choose nothing.
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }

    public static SignatureCheck Verify(string authToken, string? header, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return SignatureCheck.Missing;
        }

        Span<byte> presented = stackalloc byte[32];
        if (!Convert.TryFromBase64String(header.Trim(), presented, out var length) || length != 20)
        {
            return SignatureCheck.Malformed;
        }

        var expected = Convert.FromBase64String(Sign(authToken, url, form));
        return CryptographicOperations.FixedTimeEquals(presented[..length], expected) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }
}

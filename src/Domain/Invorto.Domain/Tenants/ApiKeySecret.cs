using System.Security.Cryptography;
using System.Text;
using Invorto.Domain.Common;

namespace Invorto.Domain.Tenants;

/// <summary>The plain text of an API key (<c>inv_&lt;env&gt;_&lt;random&gt;</c>). It exists only in memory: the platform stores its hash.</summary>
public sealed record ApiKeySecret
{
    private const int RandomBytes = 24;

    private ApiKeySecret(string value) => Value = value;

    public string Value { get; }

    public static ApiKeySecret Generate(string environment)
    {
        if (string.IsNullOrWhiteSpace(environment) || !environment.All(char.IsAsciiLetterOrDigit))
        {
            throw new DomainException("The key environment is a non-empty ASCII word such as 'live' or 'test'.");
        }

        var random = Base64Url(RandomNumberGenerator.GetBytes(RandomBytes));
        return new ApiKeySecret($"inv_{environment.ToLowerInvariant()}_{random}");
    }

    /// <summary>Hex SHA-256 of the key's UTF-8 bytes: what the api_keys table stores and looks keys up by.</summary>
    public static string HashOf(string presentedKey)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey), hash);
        return Convert.ToHexStringLower(hash);
    }

    public string Hash() => HashOf(Value);

    public override string ToString() => "inv_***";

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

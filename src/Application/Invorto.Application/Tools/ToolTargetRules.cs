using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Invorto.Application.Tools;

/// <summary>
/// Where a tool may send requests (spec §8, §9): the SSRF guard on literal addresses, the tenant's host allow-list and
/// the URL template's <c>{placeholders}</c>. Pure rules; the HTTP client applies the address guard again to resolved
/// addresses at call time.
/// </summary>
public static partial class ToolTargetRules
{
    /// <summary>Loopback, private (RFC 1918, unique-local), link-local, CGNAT, unspecified and multicast addresses; IPv4-mapped IPv6 is judged as IPv4.</summary>
    public static bool IsRefusedAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.None))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast;
        }

        var bytes = address.GetAddressBytes();
        return bytes[0] switch
        {
            0 or 10 or 127 => true,
            100 => bytes[1] is >= 64 and <= 127,
            169 => bytes[1] == 254,
            172 => bytes[1] is >= 16 and <= 31,
            192 => bytes[1] == 168 || (bytes[1] == 0 && bytes[2] == 0),
            >= 224 => true,
            _ => false,
        };
    }

    /// <summary>
    /// Decision: an empty allow-list allows every public host; otherwise the host must equal an entry, or be a subdomain of
    /// an entry written <c>*.example.com</c>. Comparison ignores case and a trailing dot.
    /// </summary>
    public static bool IsHostAllowed(string host, IReadOnlyCollection<string> allowedHosts)
    {
        ArgumentNullException.ThrowIfNull(allowedHosts);
        if (allowedHosts.Count == 0)
        {
            return true;
        }

        var candidate = host.TrimEnd('.');
        foreach (var entry in allowedHosts.Select(entry => entry.Trim().TrimEnd('.')))
        {
            if (entry.StartsWith("*.", StringComparison.Ordinal)
                ? candidate.EndsWith(entry[1..], StringComparison.OrdinalIgnoreCase) && candidate.Length > entry.Length - 1
                : string.Equals(candidate, entry, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The names of the <c>{name}</c> placeholders of a URL template, in order, without repeats.</summary>
    public static IReadOnlyList<string> Placeholders(string urlTemplate) =>
        [.. PlaceholderPattern().Matches(urlTemplate).Select(match => match.Groups["name"].Value).Distinct(StringComparer.Ordinal)];

    /// <summary>The template with every placeholder replaced by a harmless literal, so it can be parsed as a URL.</summary>
    public static string WithoutPlaceholders(string urlTemplate) => PlaceholderPattern().Replace(urlTemplate, "p");

    /// <summary>The names of the <c>${secrets.name}</c> references in <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> SecretReferences(string text) =>
        [.. SecretPattern().Matches(text).Select(match => match.Groups["name"].Value).Distinct(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"\$\{secrets\.(?<name>[^}]*)\}")]
    private static partial Regex SecretPattern();
}

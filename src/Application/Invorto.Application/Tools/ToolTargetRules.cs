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
    private static readonly byte[] Nat64Prefix = [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];
    private static readonly byte[] LocalNat64Prefix = [0x00, 0x64, 0xff, 0x9b, 0x00, 0x01];
    private static readonly IPAddress[] MetadataAddresses = [IPAddress.Parse("169.254.169.254"), IPAddress.Parse("fd00:ec2::254"), IPAddress.Parse("100.100.100.200")];

    /// <summary>
    /// Loopback, private (RFC 1918, unique-local), link-local (which holds the cloud metadata service), CGNAT, benchmarking,
    /// unspecified and multicast addresses. An IPv6 address that carries an IPv4 address a router would deliver to
    /// (IPv4-mapped, IPv4-compatible, NAT64 <c>64:ff9b::/96</c>, 6to4 <c>2002::/16</c>, a Teredo client) is judged by that
    /// IPv4 address; the local-use NAT64 prefix <c>64:ff9b:1::/48</c> is refused whole.
    /// </summary>
    public static bool IsRefusedAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (EmbeddedIPv4(address) is { } embedded)
        {
            return IsRefusedIPv4(embedded);
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast || IsLocalNat64(address);
        }

        return IsRefusedIPv4(address);
    }

    /// <summary>
    /// The cloud metadata service (169.254.169.254, AWS's fd00:ec2::254, Alibaba's 100.100.100.200), also when embedded in
    /// IPv6. Tools never reach it, not even with private targets allowed: it hands out the host's credentials.
    /// </summary>
    public static bool IsMetadataAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var candidate = EmbeddedIPv4(address) ?? address;
        return MetadataAddresses.Any(candidate.Equals);
    }

    private static bool IsRefusedIPv4(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return bytes[0] switch
        {
            0 or 10 or 127 => true,
            100 => bytes[1] is >= 64 and <= 127,
            169 => bytes[1] == 254,
            172 => bytes[1] is >= 16 and <= 31,
            192 => bytes[1] == 168 || (bytes[1] == 0 && bytes[2] == 0),
            198 => bytes[1] is 18 or 19,
            >= 224 => true,
            _ => false,
        };
    }

    /// <summary>The IPv4 address an IPv6 address delivers to, or null for a native IPv6 address (or an IPv4 one).</summary>
    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        if (bytes[..12].IndexOfAnyExcept((byte)0) < 0 || bytes[..12].SequenceEqual(Nat64Prefix))
        {
            return new IPAddress(bytes[12..]);
        }

        if (bytes[0] == 0x20 && bytes[1] == 0x02)
        {
            return new IPAddress(bytes[2..6]);
        }

        if (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0 && bytes[3] == 0)
        {
            Span<byte> client = stackalloc byte[4];
            for (var i = 0; i < 4; i++)
            {
                client[i] = (byte)~bytes[12 + i];
            }

            return new IPAddress(client);
        }

        return null;
    }

    private static bool IsLocalNat64(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        return bytes[..6].SequenceEqual(LocalNat64Prefix);
    }

    /// <summary><c>localhost</c> and its subdomains (RFC 6761): loopback by name, whatever a resolver would answer.</summary>
    public static bool IsLocalhostName(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
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

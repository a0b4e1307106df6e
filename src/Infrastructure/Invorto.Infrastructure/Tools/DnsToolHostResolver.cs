using System.Net;

namespace Invorto.Infrastructure.Tools;

/// <summary>The system resolver.</summary>
internal sealed class DnsToolHostResolver : IToolHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);
}

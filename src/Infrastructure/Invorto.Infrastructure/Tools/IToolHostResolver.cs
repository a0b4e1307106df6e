using System.Net;

namespace Invorto.Infrastructure.Tools;

/// <summary>Turns a tool's host name into addresses, once per connection; the SSRF guard checks exactly what it returns.</summary>
public interface IToolHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

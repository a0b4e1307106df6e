using System.Net;

namespace Invorto.Infrastructure.Tools;

/// <summary>The SSRF guard refused to connect: the tool's host resolved to an address tools may not reach.</summary>
internal sealed class ToolAddressRefusedException(string host, IPAddress address)
    : Exception($"The tool host '{host}' resolved to {address}, which tools may not reach.")
{
    public string Host { get; } = host;

    public IPAddress Address { get; } = address;
}

using System.Net;
using System.Net.Sockets;
using Invorto.Application.Tools;

namespace Invorto.Infrastructure.Tools;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> of the tool client (spec §9): it resolves the host itself, refuses
/// the connection when any address is one tools may not reach, and connects to an address it checked, so no second
/// resolution (DNS rebinding) can slip between the check and the connection. Loopback, private and link-local addresses
/// are refused unless private targets are allowed; the cloud metadata service always is.
/// </summary>
internal sealed class SsrfConnectGuard(IToolHostResolver resolver, ToolTargetSettings targets)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await resolver.ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        // A name that points at a refused address as well as a public one is treated as hostile: nothing is tried.
        foreach (var address in addresses)
        {
            if (ToolTargetRules.IsMetadataAddress(address) || (!targets.AllowPrivateTargets && ToolTargetRules.IsRefusedAddress(address)))
            {
                throw new ToolAddressRefusedException(host, address);
            }
        }

        SocketException? failure = null;
        foreach (var address in addresses)
        {
            var target = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(target, context.DnsEndPoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException exception)
            {
                socket.Dispose();
                failure = exception;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw failure!;
    }
}

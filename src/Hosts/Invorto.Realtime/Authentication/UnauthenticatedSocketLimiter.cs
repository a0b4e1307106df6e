using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace Invorto.Realtime.Authentication;

/// <summary>
/// Counts the open telephony media sockets that have not authenticated yet, per remote address
/// (<see cref="RealtimeEdgeOptions.MaxUnauthenticatedPerAddress"/>), so one address cannot hold thousands of idle sockets
/// open for the authentication timeout each.
/// </summary>
public sealed class UnauthenticatedSocketLimiter(IOptions<RealtimeEdgeOptions> options)
{
    private readonly ConcurrentDictionary<IPAddress, int> _open = new();

    /// <summary>A lease to dispose when the socket authenticates or closes; null when the address is at its limit.</summary>
    public IDisposable? TryEnter(IPAddress? remote)
    {
        var address = remote ?? IPAddress.None;
        var limit = options.Value.MaxUnauthenticatedPerAddress;
        while (true)
        {
            var open = _open.GetOrAdd(address, 0);
            if (open >= limit)
            {
                return null;
            }

            if (_open.TryUpdate(address, open + 1, open))
            {
                return new Lease(this, address);
            }
        }
    }

    public int OpenFrom(IPAddress address) => _open.GetValueOrDefault(address);

    private void Leave(IPAddress address)
    {
        while (true)
        {
            if (!_open.TryGetValue(address, out var open))
            {
                return;
            }

            if (open <= 1)
            {
                if (_open.TryRemove(new KeyValuePair<IPAddress, int>(address, open)))
                {
                    return;
                }
            }
            else if (_open.TryUpdate(address, open - 1, open))
            {
                return;
            }
        }
    }

    private sealed class Lease(UnauthenticatedSocketLimiter owner, IPAddress address) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                owner.Leave(address);
            }
        }
    }
}

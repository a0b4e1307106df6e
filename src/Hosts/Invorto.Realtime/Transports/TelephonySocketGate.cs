using System.Net;
using Invorto.Realtime.Authentication;

namespace Invorto.Realtime.Transports;

/// <summary>
/// The first act of every telephony media socket (Jambonz, Twilio): while it has not authenticated it counts against its
/// address (<see cref="UnauthenticatedSocketLimiter"/>, 4429 over the cap), and a refused handshake closes it with the
/// handshake's code. Forged credentials are logged with the remote address.
/// </summary>
public static class TelephonySocketGate
{
    /// <summary>The far end's identity, or null once the socket has been closed with the reason it was refused.</summary>
    public static async Task<T?> AuthenticateAsync<T>(
        SocketConnection connection,
        UnauthenticatedSocketLimiter unauthenticated,
        IPAddress? remote,
        Func<CancellationToken, Task<SocketHandshake<T>>> handshake,
        Action<string?, string> logForged,
        CancellationToken cancellationToken)
        where T : class
    {
        using var waiting = unauthenticated.TryEnter(remote);
        if (waiting is null)
        {
            await connection.CloseAsync(RealtimeCloseCodes.QuotaExceeded, "too many unauthenticated sockets", cancellationToken);
            return null;
        }

        var outcome = await handshake(cancellationToken);
        if (outcome.Refusal is not { } refusal)
        {
            return outcome.Identity;
        }

        if (refusal.Status == RealtimeCloseCodes.InvalidApiKey)
        {
            logForged(remote?.ToString(), refusal.Reason);
        }

        await connection.CloseAsync(refusal.Status, refusal.Reason, cancellationToken);
        return null;
    }
}

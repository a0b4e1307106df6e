namespace Invorto.Realtime;

/// <summary>
/// Limits of the telephony media sockets (<c>/realtime/jambonz</c>, <c>/realtime/twilio</c>) before they authenticate:
/// those sockets are accepted before their first frame, so a far end that never sends its metadata or <c>start</c> is
/// closed with 4401 after <see cref="AuthenticationTimeout"/> (5 s), and one remote address may hold at most
/// <see cref="MaxUnauthenticatedPerAddress"/> (32) such sockets at once; the next is closed with 4429.
/// </summary>
public sealed class RealtimeEdgeOptions
{
    public TimeSpan AuthenticationTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public int MaxUnauthenticatedPerAddress { get; set; } = 32;
}

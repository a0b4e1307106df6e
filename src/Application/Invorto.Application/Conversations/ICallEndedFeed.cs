namespace Invorto.Application.Conversations;

/// <summary>
/// Tells the media sessions of every process that a call reached a terminal state (a status hook in the Telephony
/// service, a hang-up through the API, the reaper), so the session ends and its socket gets <c>disconnect</c>.
/// </summary>
public interface ICallEndedFeed
{
    Task PublishAsync(Guid callId, CancellationToken cancellationToken);

    /// <summary>Calls <paramref name="onEnded"/> with each ended call id until the result is disposed.</summary>
    IDisposable Subscribe(Action<Guid> onEnded);
}

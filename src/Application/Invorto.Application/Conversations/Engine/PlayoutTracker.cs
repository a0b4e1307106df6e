using Invorto.Application.Conversations.Transport;

namespace Invorto.Application.Conversations.Engine;

/// <summary>
/// Playout marks: each spoken segment is followed by a named mark, and a far end that reports playout (Jambonz, Twilio)
/// says when its playback passed it, or that it was cleared. Reports make a segment count as heard when the caller cuts
/// the reply, and let a goodbye finish playing before the call ends. Guarded by the session's lock, except the wait.
/// </summary>
internal sealed class PlayoutTracker(IConversationTransport transport, ConversationOptions options, EngineClock clock, Lock gate)
{
    private int _sequence;
    private TaskCompletionSource? _waiter;
    private string? _awaitedMark;
    private Task? _wait;

    /// <summary>The session waits for a playout report that has not come and whose timeout has not passed.</summary>
    public bool Waiting => Volatile.Read(ref _wait) is { IsCompleted: false } && Volatile.Read(ref _waiter) is { Task.IsCompleted: false };

    public string NextMarkLocked() => $"invorto-{++_sequence}";

    /// <summary>
    /// The far end's report on <paramref name="name"/>; false when <paramref name="reply"/> placed no such mark. A report
    /// on a segment the session already counted as cleared is not playout.
    /// </summary>
    public bool ReportLocked(ReplyHandle? reply, string name, ref bool played)
    {
        var segment = reply?.FindSegment(name);
        if (segment is null)
        {
            return false;
        }

        played &= !segment.Cleared;
        segment.PlayedOut |= played;
        if (string.Equals(_awaitedMark, name, StringComparison.Ordinal))
        {
            _waiter?.TrySetResult();
        }

        return true;
    }

    /// <summary>
    /// Waits until the far end reports the last mark of <paramref name="reply"/> as played, for at most its buffer plus
    /// <see cref="ConversationOptions.PlayoutReportTimeout"/>; returns the mark when no report came in time.
    /// </summary>
    public async Task<string?> WaitForLastAsync(ReplyHandle? reply, CancellationToken cancellationToken)
    {
        if (!transport.ReportsPlayout || reply is null)
        {
            return null;
        }

        TaskCompletionSource waiter;
        string mark;
        lock (gate)
        {
            var last = reply.Segments.LastOrDefault(segment => segment.MarkSent);
            if (last is null || last.PlayedOut)
            {
                return null;
            }

            waiter = _waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            mark = _awaitedMark = last.Mark;
        }

        try
        {
            var wait = waiter.Task.WaitAsync(transport.FarEndBuffer + options.PlayoutReportTimeout, clock.Time, cancellationToken);
            Volatile.Write(ref _wait, wait);
            await wait.ConfigureAwait(false);
            return null;
        }
        catch (TimeoutException)
        {
            return mark;
        }
        finally
        {
            lock (gate)
            {
                _waiter = null;
                _awaitedMark = null;
                _wait = null;
            }
        }
    }
}

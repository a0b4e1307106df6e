using System.Buffers;
using System.Diagnostics;

namespace Invorto.Local.Demo;

/// <summary>
/// One party's PCM16 mono audio laid on the call's clock: frames that follow each other are joined, and a pause longer
/// than <see cref="JoinWithin"/> since the last frame becomes silence, so two tracks of one call line up.
/// </summary>
internal sealed class AudioTrack(long origin, int sampleRate)
{
    private static readonly TimeSpan JoinWithin = TimeSpan.FromMilliseconds(100);
    private readonly ArrayBufferWriter<byte> _pcm = new(sampleRate * 2 * 10);
    private readonly Lock _gate = new();

    public void Add(long at, ReadOnlySpan<byte> frame)
    {
        var due = (long)(Stopwatch.GetElapsedTime(origin, at).TotalSeconds * sampleRate) * 2;
        lock (_gate)
        {
            var gap = due - _pcm.WrittenCount;
            if (gap > (long)(JoinWithin.TotalSeconds * sampleRate) * 2)
            {
                _pcm.GetSpan((int)gap)[..(int)gap].Clear();
                _pcm.Advance((int)gap);
            }

            _pcm.Write(frame);
        }
    }

    public byte[] ToArray()
    {
        lock (_gate)
        {
            return _pcm.WrittenSpan.ToArray();
        }
    }
}

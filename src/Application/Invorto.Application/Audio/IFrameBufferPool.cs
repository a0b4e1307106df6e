namespace Invorto.Application.Audio;

/// <summary>Fixed-size audio frame buffers lent and taken back, so buffered audio costs memory only while it is buffered.</summary>
public interface IFrameBufferPool
{
    /// <summary>A buffer of at least <paramref name="frameBytes"/> bytes, its content undefined.</summary>
    byte[] Rent(int frameBytes);

    void Return(byte[] buffer);
}

namespace Invorto.Application.Conversations.Engine;

/// <summary>Something the <see cref="AudioPacer"/> ticks every frame period; <see cref="OnTick"/> must not block.</summary>
public interface IPacedSession
{
    void OnTick(long timestamp);
}

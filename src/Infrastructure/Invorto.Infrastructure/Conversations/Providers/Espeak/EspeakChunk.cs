namespace Invorto.Infrastructure.Conversations.Providers.Espeak;

/// <summary>Synthesized PCM16 in a buffer rented from the shared array pool; whoever takes it last returns it.</summary>
internal readonly record struct EspeakChunk(byte[] Buffer, int Length);

namespace Invorto.Testing.Providers;

/// <summary>
/// What a <see cref="FakeSpeechServer"/> answers to one request: <see cref="Audio"/> in <see cref="ChunkBytes"/> pieces
/// (each flushed on its own, <see cref="ChunkInterval"/> apart), or an error <see cref="Status"/> with the vendor's error
/// JSON. The gates hold the response until a test releases them (a <see cref="TaskCompletionSource"/>'s task): before
/// the headers, after the headers but before any audio, or after the first chunk; <see cref="CutAfterBytes"/> drops the
/// connection once that much audio was sent.
/// </summary>
public sealed record FakeSpeechReply
{
    public byte[] Audio { get; init; } = [];

    public int ChunkBytes { get; init; } = 960;

    public TimeSpan ChunkInterval { get; init; } = TimeSpan.Zero;

    public int? Status { get; init; }

    /// <summary>The content type of a 200 answer; null sends the vendor's audio type.</summary>
    public string? ContentType { get; init; }

    public Task? BeforeHeaders { get; init; }

    public Task? BeforeAudio { get; init; }

    public Task? AfterFirstChunk { get; init; }

    public int? CutAfterBytes { get; init; }

    public static FakeSpeechReply Streaming(byte[] audio, int chunkBytes = 960) => new() { Audio = audio, ChunkBytes = chunkBytes };

    public static FakeSpeechReply Error(int status) => new() { Status = status };
}

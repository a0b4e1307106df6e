namespace Invorto.Testing.Providers;

/// <summary>
/// One scripted answer of <see cref="FakeOpenAiChatServer"/>: the SSE chunks (JSON payloads of <c>data:</c> lines, see
/// <see cref="FakeOpenAiChatChunks"/>), or an error status with an OpenAI error body; optionally a delay before the
/// first byte, a pause after some chunks until <see cref="Resume"/> completes, or a dropped connection.
/// </summary>
public sealed record FakeOpenAiChatReply
{
    public IReadOnlyList<string> Chunks { get; init; } = [];

    /// <summary>Ends the stream with <c>data: [DONE]</c> (when it is not cut).</summary>
    public bool SendDone { get; init; } = true;

    /// <summary>Nothing at all (not even the headers) is sent before this delay; the request's abort ends the wait.</summary>
    public TimeSpan FirstByteDelay { get; init; }

    /// <summary>After this many chunks the connection is aborted without the end of the response.</summary>
    public int? DisconnectAfter { get; init; }

    /// <summary>After this many chunks the server waits for <see cref="Resume"/> (or the client's abort).</summary>
    public int? PauseAfter { get; init; }

    public Task Resume { get; init; } = Task.CompletedTask;

    /// <summary>Answer this status with <see cref="ErrorBody"/> instead of a stream.</summary>
    public int? ErrorStatus { get; init; }

    public string? ErrorBody { get; init; }

    public static FakeOpenAiChatReply Stream(params string[] chunks) => new() { Chunks = chunks };

    /// <summary>A reply that speaks <paramref name="deltas"/> and stops.</summary>
    public static FakeOpenAiChatReply Text(params string[] deltas) => new()
    {
        Chunks = [FakeOpenAiChatChunks.Role(), .. deltas.Select(delta => FakeOpenAiChatChunks.Text(delta)), FakeOpenAiChatChunks.Finish("stop")],
    };

    public static FakeOpenAiChatReply Error(int status, string type, string? code = null, string message = "scripted failure") => new()
    {
        ErrorStatus = status,
        ErrorBody = FakeOpenAiChatChunks.ErrorBody(message, type, code),
    };
}

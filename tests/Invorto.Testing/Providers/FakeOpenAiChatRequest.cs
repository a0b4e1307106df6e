using System.Text.Json.Nodes;

namespace Invorto.Testing.Providers;

/// <summary>A request <see cref="FakeOpenAiChatServer"/> received: path, headers, parsed body, and how it ended.</summary>
public sealed class FakeOpenAiChatRequest(string path, IReadOnlyDictionary<string, string> headers, JsonObject body)
{
    private readonly TaskCompletionSource _aborted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Path { get; } = path;

    /// <summary>Request headers by lower-case name.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; } = headers;

    public string? Authorization => Headers.TryGetValue("authorization", out var value) ? value : null;

    public JsonObject Body { get; } = body;

    /// <summary>Completes when the client aborted the request (Kestrel's <c>RequestAborted</c>, not a scripted cut).</summary>
    public Task Aborted => _aborted.Task;

    public bool WasAborted => _aborted.Task.IsCompleted;

    /// <summary>Completes when the server has written its whole scripted answer.</summary>
    public Task Completed => _completed.Task;

    /// <summary>The server cut this request itself (a scripted disconnect), so its abort is not the client's.</summary>
    public bool CutByServer { get; private set; }

    internal void MarkAborted()
    {
        if (!CutByServer)
        {
            _aborted.TrySetResult();
        }
    }

    internal void MarkCutByServer() => CutByServer = true;

    internal void MarkCompleted() => _completed.TrySetResult();
}

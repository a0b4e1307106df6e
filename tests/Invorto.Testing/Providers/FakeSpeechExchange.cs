using System.Text.Json.Nodes;

namespace Invorto.Testing.Providers;

/// <summary>One request a <see cref="FakeSpeechServer"/> received, and how it ended.</summary>
public sealed class FakeSpeechExchange
{
    private readonly TaskCompletionSource<FakeSpeechOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _bytesSent;

    public FakeSpeechExchange(FakeSpeechVendor vendor, string path, IReadOnlyDictionary<string, string> query, IReadOnlyDictionary<string, string> headers, JsonObject? body, string? voiceId)
    {
        Vendor = vendor;
        Path = path;
        Query = query;
        Headers = headers;
        Body = body;
        VoiceId = voiceId;
    }

    public FakeSpeechVendor Vendor { get; }

    public string Path { get; }

    public IReadOnlyDictionary<string, string> Query { get; }

    /// <summary>Request headers by lower-case name.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The JSON body, or null when it was not a JSON object.</summary>
    public JsonObject? Body { get; }

    /// <summary>The voice in the path (ElevenLabs only).</summary>
    public string? VoiceId { get; }

    public int BytesSent => Volatile.Read(ref _bytesSent);

    /// <summary>Completes when the server is done with the request.</summary>
    public Task<FakeSpeechOutcome> Outcome => _outcome.Task;

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;

    internal void Sent(int bytes) => Interlocked.Add(ref _bytesSent, bytes);

    internal void End(FakeSpeechOutcome outcome) => _outcome.TrySetResult(outcome);
}

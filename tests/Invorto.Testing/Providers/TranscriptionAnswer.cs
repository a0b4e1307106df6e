namespace Invorto.Testing.Providers;

/// <summary>What <see cref="FakeTranscriptionServer"/> answers to one request.</summary>
/// <param name="Status">200 with <paramref name="Body"/> as the text, or an error status with OpenAI's error body.</param>
/// <param name="Body">The transcript of a 200 answer.</param>
/// <param name="Hold">Answer nothing until the client abandons the request.</param>
public sealed record TranscriptionAnswer(int Status, string Body, bool Hold = false)
{
    public static TranscriptionAnswer Text(string text) => new(200, text);

    public static TranscriptionAnswer Failure(int status) => new(status, string.Empty);

    public static TranscriptionAnswer Held() => new(200, string.Empty, Hold: true);
}

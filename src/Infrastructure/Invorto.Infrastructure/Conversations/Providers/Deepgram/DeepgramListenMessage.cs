using System.Text;
using System.Text.Json;
using Invorto.Application.Conversations.Providers;

namespace Invorto.Infrastructure.Conversations.Providers.Deepgram;

/// <summary>The JSON text messages of Deepgram's listen stream, in both directions.</summary>
internal static class DeepgramListenMessage
{
    public const string Results = "Results";
    public const string UtteranceEnd = "UtteranceEnd";
    public const string SpeechStarted = "SpeechStarted";
    public const string Metadata = "Metadata";

    public static ReadOnlyMemory<byte> KeepAlive { get; } = Encoding.UTF8.GetBytes("""{"type":"KeepAlive"}""");

    public static ReadOnlyMemory<byte> CloseStream { get; } = Encoding.UTF8.GetBytes("""{"type":"CloseStream"}""");

    /// <summary>The top-level <c>type</c> of a message, or null when it has none.</summary>
    /// <exception cref="JsonException">The message is not a JSON object.</exception>
    public static string? TypeOf(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A Deepgram message is a JSON object.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }

            reader.Read();
            reader.Skip();
        }

        return null;
    }

    /// <summary>The best alternative of a <c>Results</c> message as a recognition result, or null when its transcript is empty.</summary>
    public static RecognitionResult? ReadResult(ReadOnlySpan<byte> json)
    {
        var results = JsonSerializer.Deserialize(json, DeepgramListenJsonContext.Default.DeepgramListenResults)
            ?? throw new JsonException("A Results message is a JSON object.");
        var best = results.Channel?.Alternatives is { Count: > 0 } alternatives ? alternatives[0] : null;
        var text = best?.Transcript?.Trim();
        return string.IsNullOrEmpty(text)
            ? null
            : new RecognitionResult(text, results.IsFinal, Math.Clamp(best!.Confidence, 0, 1));
    }

    public static DeepgramListenMetadata? ReadMetadata(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, DeepgramListenJsonContext.Default.DeepgramListenMetadata);
}

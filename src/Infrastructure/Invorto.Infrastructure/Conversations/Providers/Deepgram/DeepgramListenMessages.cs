using System.Text.Json;
using System.Text.Json.Serialization;

namespace Invorto.Infrastructure.Conversations.Providers.Deepgram;

/// <summary>A <c>Results</c> message of Deepgram's listen stream: a partial (<c>is_final</c> false) or final hypothesis of one segment.</summary>
internal sealed record DeepgramListenResults(
    [property: JsonPropertyName("is_final")] bool IsFinal,
    [property: JsonPropertyName("speech_final")] bool SpeechFinal,
    [property: JsonPropertyName("channel")] DeepgramListenChannel? Channel);

internal sealed record DeepgramListenChannel(
    [property: JsonPropertyName("alternatives")] IReadOnlyList<DeepgramListenAlternative>? Alternatives);

internal sealed record DeepgramListenAlternative(
    [property: JsonPropertyName("transcript")] string? Transcript,
    [property: JsonPropertyName("confidence")] double Confidence);

/// <summary>The <c>Metadata</c> message Deepgram sends when a stream ends; its request id is what Deepgram support asks for.</summary>
internal sealed record DeepgramListenMetadata(
    [property: JsonPropertyName("request_id")] string? RequestId,
    [property: JsonPropertyName("duration")] double Duration);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DeepgramListenResults))]
[JsonSerializable(typeof(DeepgramListenMetadata))]
internal sealed partial class DeepgramListenJsonContext : JsonSerializerContext;

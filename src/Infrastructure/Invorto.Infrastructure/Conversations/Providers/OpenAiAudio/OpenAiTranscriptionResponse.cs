using System.Text.Json;
using System.Text.Json.Serialization;

namespace Invorto.Infrastructure.Conversations.Providers.OpenAiAudio;

/// <summary>The <c>response_format=json</c> answer of <c>/audio/transcriptions</c>: <c>{"text": "..."}</c>.</summary>
internal sealed record OpenAiTranscriptionResponse([property: JsonPropertyName("text")] string? Text);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(OpenAiTranscriptionResponse))]
internal sealed partial class OpenAiTranscriptionJsonContext : JsonSerializerContext;

using System.Text;
using Invorto.Infrastructure.Conversations.Providers.Synthesis;

namespace Invorto.Infrastructure.Conversations.Providers.OpenAiAudio;

/// <summary>
/// An OpenAI-compatible speech endpoint: <see cref="BaseUrl"/> is the base of <c>/audio/speech</c> (OpenAI's
/// <c>https://api.openai.com/v1</c>, or a self-hosted Kokoro or Piper server's <c>http://host:8880/v1</c>), sent
/// <see cref="ApiKey"/> as a bearer token when there is one. <see cref="SourceSampleRate"/> is the rate of the server's
/// raw <c>pcm</c> (24 kHz for OpenAI and Kokoro). The key never appears in <see cref="object.ToString"/>.
/// </summary>
public sealed record OpenAiSpeechEndpoint(Uri BaseUrl, string? ApiKey)
{
    public const string DefaultModel = "tts-1";

    public const int DefaultSourceSampleRate = 24000;

    public string Model { get; init; } = DefaultModel;

    public int SourceSampleRate { get; init; } = DefaultSourceSampleRate;

    public SynthesisTimeouts Timeouts { get; init; } = SynthesisTimeouts.Default;

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("BaseUrl = ").Append(BaseUrl).Append(", Model = ").Append(Model)
            .Append(", SourceSampleRate = ").Append(SourceSampleRate).Append(", Timeouts = ").Append(Timeouts);
        return true;
    }
}

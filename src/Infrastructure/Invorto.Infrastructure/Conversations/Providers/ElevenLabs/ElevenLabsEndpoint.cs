using System.Text;
using Invorto.Infrastructure.Conversations.Providers.Synthesis;

namespace Invorto.Infrastructure.Conversations.Providers.ElevenLabs;

/// <summary>
/// Where ElevenLabs is reached (the base of <c>/v1/text-to-speech</c>), with which key and model; built from
/// <see cref="ElevenLabsOptions"/> or from a tenant's own key. The key never appears in <see cref="object.ToString"/>.
/// </summary>
public sealed record ElevenLabsEndpoint(Uri BaseUrl, string ApiKey)
{
    public const string DefaultModelId = "eleven_flash_v2_5";

    public string ModelId { get; init; } = DefaultModelId;

    public SynthesisTimeouts Timeouts { get; init; } = SynthesisTimeouts.Default;

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("BaseUrl = ").Append(BaseUrl).Append(", ModelId = ").Append(ModelId).Append(", Timeouts = ").Append(Timeouts);
        return true;
    }
}

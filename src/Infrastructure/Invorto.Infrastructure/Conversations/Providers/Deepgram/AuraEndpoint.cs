using System.Text;
using Invorto.Infrastructure.Conversations.Providers.Synthesis;

namespace Invorto.Infrastructure.Conversations.Providers.Deepgram;

/// <summary>
/// Where Deepgram Aura is reached (<c>https://api.deepgram.com</c>, the base of <c>/v1/speak</c>) and with which key;
/// the integrator builds it from <c>DEEPGRAM_API_KEY</c> and the Deepgram base URL, or from a tenant's own key. The key
/// never appears in <see cref="object.ToString"/>.
/// </summary>
public sealed record AuraEndpoint(Uri BaseUrl, string ApiKey)
{
    public SynthesisTimeouts Timeouts { get; init; } = SynthesisTimeouts.Default;

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("BaseUrl = ").Append(BaseUrl).Append(", Timeouts = ").Append(Timeouts);
        return true;
    }
}

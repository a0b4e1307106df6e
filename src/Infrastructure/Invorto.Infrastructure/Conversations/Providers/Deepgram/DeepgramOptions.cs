using Microsoft.Extensions.Configuration;

namespace Invorto.Infrastructure.Conversations.Providers.Deepgram;

/// <summary>
/// The platform's Deepgram account (spec §11), shared by streaming recognition (<c>/v1/listen</c>) and Aura speech
/// (<c>/v1/speak</c>). Without a key the agent's Deepgram provider is replaced by the offline one at call start.
/// </summary>
public sealed class DeepgramOptions
{
    public const string DefaultBaseUrl = "wss://api.deepgram.com";

    [ConfigurationKeyName("DEEPGRAM_API_KEY")]
    public string? ApiKey { get; set; }

    /// <summary>Deepgram's origin, with an optional path prefix (a proxy); ws/wss and http/https name the same server.</summary>
    [ConfigurationKeyName("DEEPGRAM_BASE_URL")]
    public string BaseUrl { get; set; } = DefaultBaseUrl;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey);

    /// <summary>The base URL with a WebSocket scheme (http → ws, https → wss), for the streaming endpoints.</summary>
    public static Uri WebSocketBase(string baseUrl) => WithScheme(baseUrl, secure: "wss", plain: "ws");

    /// <summary>The base URL with an HTTP scheme (ws → http, wss → https), for the REST endpoints.</summary>
    public static Uri HttpBase(string baseUrl) => WithScheme(baseUrl, secure: "https", plain: "http");

    private static Uri WithScheme(string baseUrl, string secure, string plain)
    {
        var uri = new Uri(baseUrl, UriKind.Absolute);
        var isSecure = uri.Scheme is "https" or "wss";
        var builder = new UriBuilder(uri) { Scheme = isSecure ? secure : plain, Port = uri.IsDefaultPort ? -1 : uri.Port };
        return builder.Uri;
    }
}

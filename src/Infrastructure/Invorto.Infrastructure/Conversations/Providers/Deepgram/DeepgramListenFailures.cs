using System.Net.WebSockets;
using Invorto.Application.Conversations.Providers;

namespace Invorto.Infrastructure.Conversations.Providers.Deepgram;

/// <summary>Turns what went wrong on the listen socket into the one provider failure the engine understands.</summary>
internal static class DeepgramListenFailures
{
    public const string Provider = "deepgram";

    private const int MaxReasonLength = 120;

    /// <summary>A key that can go into a header: set, and without spaces or control characters (whose header errors would echo it).</summary>
    public static bool IsUsableKey(string? apiKey) =>
        !string.IsNullOrWhiteSpace(apiKey) && !apiKey.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));

    public static ProviderException NoKey() =>
        new(Provider, ProviderFailureKind.Unauthorized, "No usable Deepgram key is configured for this call.");

    /// <summary>The upgrade did not answer 101: <paramref name="statusCode"/> is the HTTP status, 0 when none came.</summary>
    public static ProviderException UpgradeRefused(int statusCode, Exception inner)
    {
        if (statusCode == 0)
        {
            return new ProviderException(Provider, ProviderFailureKind.Unavailable, "Could not connect to Deepgram's listen endpoint.", inner);
        }

        var kind = statusCode switch
        {
            401 or 403 => ProviderFailureKind.Unauthorized,
            429 => ProviderFailureKind.RateLimited,
            408 => ProviderFailureKind.Timeout,
            >= 500 => ProviderFailureKind.Unavailable,
            _ => ProviderFailureKind.Protocol,
        };
        return new ProviderException(Provider, kind, $"Deepgram refused the listen stream with HTTP {statusCode}.", inner) { StatusCode = statusCode };
    }

    public static ProviderException ConnectTimedOut(TimeSpan timeout) =>
        new(Provider, ProviderFailureKind.Timeout, $"Deepgram's listen endpoint did not accept the stream within {timeout.TotalMilliseconds:0} ms.");

    public static ProviderException Dropped(Exception inner) =>
        new(Provider, ProviderFailureKind.Unavailable, "The Deepgram listen stream was dropped.", inner);

    /// <summary>Deepgram closed the stream before we asked it to; the close status says why (DATA-* is our audio, NET-* theirs).</summary>
    public static ProviderException ClosedEarly(WebSocketCloseStatus? status, string? reason)
    {
        var kind = status switch
        {
            WebSocketCloseStatus.PolicyViolation or WebSocketCloseStatus.InvalidMessageType or WebSocketCloseStatus.InvalidPayloadData => ProviderFailureKind.Protocol,
            _ when reason?.Contains("NET-0001", StringComparison.Ordinal) == true => ProviderFailureKind.Timeout,
            _ => ProviderFailureKind.Unavailable,
        };
        var code = status is { } value ? ((int)value).ToString() : "none";
        return new ProviderException(Provider, kind, $"Deepgram closed the listen stream (close status {code}, reason '{Shorten(reason)}').");
    }

    public static ProviderException Unreadable(Exception inner) =>
        new(Provider, ProviderFailureKind.Protocol, "Deepgram sent a listen message this adapter cannot read.", inner);

    private static string Shorten(string? reason) =>
        string.IsNullOrEmpty(reason) ? string.Empty : reason.Length <= MaxReasonLength ? reason : reason[..MaxReasonLength];
}

using System.ClientModel;
using System.Net.Sockets;
using System.Text.Json;
using Invorto.Application.Conversations.Providers;

namespace Invorto.Infrastructure.Conversations.Providers.OpenAi;

/// <summary>
/// Translates what the OpenAI SDK and the HTTP stack throw into <see cref="ProviderException"/>. Messages name the
/// status and the error's <c>type</c>/<c>code</c> only: the provider's own message can echo part of the key.
/// </summary>
internal static class OpenAiFailures
{
    public const string Provider = "openai";

    public static ProviderException Timeout(bool started, OpenAiStreamTimeouts timeouts) => started
        ? new ProviderException(Provider, ProviderFailureKind.Timeout, $"The completion stalled: no new fragment within {timeouts.Idle.TotalMilliseconds:0} ms.")
        : new ProviderException(Provider, ProviderFailureKind.Timeout, $"No first token within {timeouts.FirstToken.TotalMilliseconds:0} ms.");

    public static ProviderException Translate(Exception exception, bool started) => exception switch
    {
        ProviderException known => known,
        ClientResultException { Status: > 0 } refused => FromStatus(refused),
        ClientResultException unreachable => Unavailable(unreachable.InnerException ?? unreachable, started),
        HttpRequestException or IOException or SocketException => Unavailable(exception, started),
        OperationCanceledException => new ProviderException(Provider, ProviderFailureKind.Timeout, "The HTTP request timed out.", exception),
        _ => new ProviderException(Provider, ProviderFailureKind.Protocol, "The completion stream could not be read.", exception),
    };

    private static ProviderException Unavailable(Exception exception, bool started) => new(
        Provider,
        ProviderFailureKind.Unavailable,
        started ? "The connection was lost in the middle of the completion." : "The endpoint could not be reached.",
        exception);

    private static ProviderException FromStatus(ClientResultException refused)
    {
        var status = refused.Status;
        var kind = status switch
        {
            401 or 403 => ProviderFailureKind.Unauthorized,
            429 => ProviderFailureKind.RateLimited,
            408 => ProviderFailureKind.Timeout,
            >= 500 => ProviderFailureKind.Unavailable,
            _ => ProviderFailureKind.Protocol,
        };
        var detail = ErrorCode(refused) is { } code ? $" ({code})" : string.Empty;

        // The SDK's exception carries the response body, which may quote the key: it is not kept as the inner exception.
        return new ProviderException(Provider, kind, $"The endpoint answered HTTP {status}{detail}.") { StatusCode = status };
    }

    /// <summary>The error's <c>code</c> or <c>type</c> from an OpenAI error body, when it is a short identifier.</summary>
    private static string? ErrorCode(ClientResultException refused)
    {
        try
        {
            var content = refused.GetRawResponse()?.Content;
            if (content is null || content.ToMemory().Length is 0 or > 64 * 1024)
            {
                return null;
            }

            using var document = JsonDocument.Parse(content.ToMemory());
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("error", out var error)
                || error.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var name in (ReadOnlySpan<string>)["code", "type"])
            {
                if (error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && IsIdentifier(value.GetString()))
                {
                    return value.GetString();
                }
            }

            return null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException)
        {
            return null;
        }
    }

    private static bool IsIdentifier(string? value) =>
        value is { Length: > 0 and <= 64 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
}

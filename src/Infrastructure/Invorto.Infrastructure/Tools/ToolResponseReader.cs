using System.Buffers;
using System.Text;
using System.Text.Json;
using Invorto.Application.Tools.Execution;

namespace Invorto.Infrastructure.Tools;

/// <summary>
/// Reads a tool's answer for the model, at most <see cref="HttpToolExecutor.MaxResponseBytes"/>: a larger answer (by its
/// Content-Length, or once one byte more has arrived) is refused and the rest never read. Decision on what is not JSON:
/// UTF-8 text is handed to the model as a JSON string (plain-text answers such as <c>OK</c> are still answers); an empty
/// body is the empty string; bytes that are not UTF-8 are refused as <see cref="ToolErrorCodes.InvalidResponse"/>.
/// </summary>
internal static class ToolResponseReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <returns>The JSON for the model, or null with <paramref name="errorCode"/>.</returns>
    public static async Task<(string? Json, string? ErrorCode)> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        const int cap = HttpToolExecutor.MaxResponseBytes;
        if (content.Headers.ContentLength > cap)
        {
            return (null, ToolErrorCodes.TooLarge);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(cap + 1);
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var length = 0;
                int read;
                while (length <= cap && (read = await stream.ReadAsync(buffer.AsMemory(length, cap + 1 - length), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    length += read;
                }

                if (length > cap)
                {
                    return (null, ToolErrorCodes.TooLarge);
                }

                return ToJson(buffer.AsSpan(0, length));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static (string? Json, string? ErrorCode) ToJson(ReadOnlySpan<byte> body)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(body.StartsWith(Encoding.UTF8.Preamble) ? body[Encoding.UTF8.Preamble.Length..] : body);
        }
        catch (DecoderFallbackException)
        {
            return (null, ToolErrorCodes.InvalidResponse);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return (text, null);
        }
        catch (JsonException)
        {
            return (JsonSerializer.Serialize(text), null);
        }
    }
}

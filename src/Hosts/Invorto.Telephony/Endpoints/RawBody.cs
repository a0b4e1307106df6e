namespace Invorto.Telephony.Endpoints;

/// <summary>Reads a hook's exact bytes once (signatures are over the raw body), bounded in size.</summary>
public static class RawBody
{
    public const string ItemKey = "invorto:raw-body";

    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static byte[] Of(HttpContext context) =>
        context.Items[ItemKey] as byte[] ?? throw new InvalidOperationException("The hook has no raw body filter.");
}

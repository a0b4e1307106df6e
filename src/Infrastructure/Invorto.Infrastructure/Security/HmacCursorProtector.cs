using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Invorto.Application.Abstractions;
using Invorto.Infrastructure.Configuration;
using Invorto.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Security;

/// <summary>
/// Cursor = base64url(payload ‖ HMAC-SHA256(payload)). The key is derived from <c>REALTIME_WS_SECRET</c> when set,
/// so every process of a deployment agrees; otherwise it is 32 random bytes kept in <c>&lt;INVORTO_DATA_DIR&gt;/cursor.key</c>,
/// created once, so cursors survive restarts of an embedded installation.
/// </summary>
internal sealed class HmacCursorProtector(IOptions<RealtimeOptions> realtime, IOptions<DatabaseOptions> database) : ICursorProtector
{
    public const string KeyFileName = "cursor.key";
    private const int KeyLength = 32;
    private const int MacLength = 32;
    private const int MaxTokenLength = 2048;
    private static readonly byte[] DerivationLabel = Encoding.UTF8.GetBytes("invorto/pagination-cursor/v1");

    private readonly Lazy<byte[]> _key = new(() => LoadKey(realtime.Value.WsSecret, database.Value.DataDir));

    public string Protect(ReadOnlySpan<byte> payload)
    {
        var buffer = new byte[payload.Length + MacLength];
        payload.CopyTo(buffer);
        HMACSHA256.HashData(_key.Value, payload, buffer.AsSpan(payload.Length));
        return Base64Url.EncodeToString(buffer);
    }

    public bool TryUnprotect(string token, out byte[] payload)
    {
        payload = [];
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength || !Base64Url.IsValid(token))
        {
            return false;
        }

        var buffer = Base64Url.DecodeFromChars(token);
        if (buffer.Length <= MacLength)
        {
            return false;
        }

        var body = buffer.AsSpan(0, buffer.Length - MacLength);
        Span<byte> expected = stackalloc byte[MacLength];
        HMACSHA256.HashData(_key.Value, body, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, buffer.AsSpan(body.Length)))
        {
            return false;
        }

        payload = body.ToArray();
        return true;
    }

    private static byte[] LoadKey(string? secret, string dataDir)
    {
        if (!string.IsNullOrWhiteSpace(secret))
        {
            return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), DerivationLabel);
        }

        var directory = Directory.CreateDirectory(Path.GetFullPath(dataDir));
        var path = Path.Combine(directory.FullName, KeyFileName);
        if (!File.Exists(path))
        {
            CreateKeyFile(path);
        }

        var key = File.ReadAllBytes(path);
        return key.Length >= KeyLength
            ? key
            : throw new InvalidOperationException($"The cursor key file {path} is shorter than {KeyLength} bytes; delete it to make a new one.");
    }

    private static void CreateKeyFile(string path)
    {
        // Written aside then moved without overwrite: two processes starting together end up with one key.
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllBytes(temporary, RandomNumberGenerator.GetBytes(KeyLength));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first; theirs is the key.
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}

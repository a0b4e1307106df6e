using System.Security.Cryptography;
using System.Text;
using Invorto.Infrastructure.Configuration;
using Invorto.Infrastructure.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Realtime;

/// <summary>
/// The HMAC key for realtime tokens (browser JWTs, the Jambonz listen token): <c>REALTIME_WS_SECRET</c>, or in
/// Development one random secret kept in the data directory and shared by the hosts of the machine (spec §11).
/// Production without the variable is a start-up error.
/// </summary>
public sealed class RealtimeSigningKey
{
    private const string DevelopmentSecretFile = "realtime-ws.secret";
    private readonly Lazy<byte[]> _key;

    public RealtimeSigningKey(IOptions<RealtimeOptions> realtime, IOptions<DatabaseOptions> database, IHostEnvironment environment)
    {
        _key = new Lazy<byte[]>(() => Load(realtime.Value, database.Value, environment));
    }

    public ReadOnlySpan<byte> Key => _key.Value;

    private static byte[] Load(RealtimeOptions realtime, DatabaseOptions database, IHostEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(realtime.WsSecret))
        {
            return Encoding.UTF8.GetBytes(realtime.WsSecret);
        }

        if (environment.IsProduction())
        {
            throw new InvalidOperationException("REALTIME_WS_SECRET: required in Production (at least 32 characters).");
        }

        var directory = Directory.CreateDirectory(Path.GetFullPath(database.DataDir));
        var path = Path.Combine(directory.FullName, DevelopmentSecretFile);
        try
        {
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            file.Write(Encoding.UTF8.GetBytes(Convert.ToHexString(RandomNumberGenerator.GetBytes(32))));
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another host of this machine created it first: use theirs.
        }

        return Encoding.UTF8.GetBytes(File.ReadAllText(path).Trim());
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Invorto.Application.Abstractions;

namespace Invorto.Application.Calls.ListCalls;

/// <summary>
/// Where a page of calls ended, bound to the tenant and the filters that produced it. Signed by
/// <see cref="ICursorProtector"/>, so a cursor cannot be altered, replayed by another tenant or reused with other filters.
/// </summary>
internal sealed record CallListCursor(string Listing, Guid TenantId, string Filter, long CreatedAtUtcTicks, Guid Id)
{
    // Names the listing so an agents cursor (same signing key) is never read as a calls cursor.
    public const string CallsListing = "calls";

    public DateTimeOffset CreatedAt => new(CreatedAtUtcTicks, TimeSpan.Zero);

    public static string FilterOf(CallListFilter filter) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(filter.Canonical())).AsSpan(0, 12));

    public string Write(ICursorProtector protector) => protector.Protect(JsonSerializer.SerializeToUtf8Bytes(this));

    public static CallListCursor? Read(ICursorProtector protector, string token)
    {
        if (!protector.TryUnprotect(token, out var payload))
        {
            return null;
        }

        try
        {
            var cursor = JsonSerializer.Deserialize<CallListCursor>(payload);
            return cursor?.Listing == CallsListing ? cursor : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

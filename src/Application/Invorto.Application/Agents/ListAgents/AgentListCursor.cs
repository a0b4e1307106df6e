using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Invorto.Application.Abstractions;

namespace Invorto.Application.Agents.ListAgents;

/// <summary>
/// Where a page of agents ended, bound to the tenant and the filters that produced it. Signed by
/// <see cref="ICursorProtector"/>, so a cursor cannot be altered, replayed by another tenant or reused with other filters.
/// </summary>
internal sealed record AgentListCursor(Guid TenantId, string Filter, long CreatedAtUtcTicks, Guid Id)
{
    public DateTimeOffset CreatedAt => new(CreatedAtUtcTicks, TimeSpan.Zero);

    public static string FilterOf(ListAgentsQuery query)
    {
        var canonical = $"name={query.Name?.Trim().ToUpperInvariant()}\nincludeArchived={query.IncludeArchived}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)).AsSpan(0, 12));
    }

    public string Write(ICursorProtector protector) => protector.Protect(JsonSerializer.SerializeToUtf8Bytes(this));

    public static AgentListCursor? Read(ICursorProtector protector, string token)
    {
        if (!protector.TryUnprotect(token, out var payload))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<AgentListCursor>(payload);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

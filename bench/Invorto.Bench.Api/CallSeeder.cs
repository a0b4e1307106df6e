using Invorto.Domain.Agents;
using Invorto.Domain.Calls;
using Invorto.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Invorto.Bench.Api;

/// <summary>Seeds one tenant's agents and calls with a binary COPY: mixed statuses and directions over the last 90 days.</summary>
internal static class CallSeeder
{
    private static readonly (CallStatus Status, int Weight)[] Statuses =
    [
        (CallStatus.Completed, 55), (CallStatus.NoAnswer, 15), (CallStatus.Busy, 10), (CallStatus.Failed, 8),
        (CallStatus.Canceled, 2), (CallStatus.InProgress, 4), (CallStatus.Ringing, 2), (CallStatus.Dialing, 2), (CallStatus.Queued, 2),
    ];

    public static async Task<Guid[]> SeedAgentsAsync(InvortoDbContext db, Guid tenantId, int count, DateTimeOffset now)
    {
        var agents = Enumerable.Range(0, count)
            .Select(i => Agent.Create(Guid.CreateVersion7(), tenantId, $"Bench agent {i}", $$"""{"prompt":"Bench agent {{i}}"}""", now.AddDays(-100)))
            .ToList();
        db.Agents.AddRange(agents);
        await db.SaveChangesAsync();
        return [.. agents.Select(agent => agent.Id)];
    }

    public static async Task SeedCallsAsync(InvortoDbContext db, Guid tenantId, Guid[] agentIds, int rows, DateTimeOffset now)
    {
        var random = new Random(42);
        await db.Database.OpenConnectionAsync();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY calls (id, tenant_id, agent_id, agent_version, campaign_id, direction, from_num, to_num, provider, provider_call_id, status, " +
            "started_at, answered_at, ended_at, duration_sec, end_reason, carrier, cost_inr, usage, summary, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < rows; i++)
            {
                var createdAt = now.AddSeconds(-random.NextDouble() * TimeSpan.FromDays(90).TotalSeconds);
                var status = PickStatus(random);
                var roll = random.Next(100);
                var direction = roll < 70 ? CallDirection.Outbound : roll < 95 ? CallDirection.Inbound : CallDirection.Web;
                var answered = status is CallStatus.Completed or CallStatus.InProgress || (status == CallStatus.Failed && random.Next(2) == 0);
                var duration = status == CallStatus.Completed || (status == CallStatus.Failed && answered) ? random.Next(5, 600) : 0;
                var terminal = status.IsTerminal();

                await writer.StartRowAsync();
                await writer.WriteAsync(Guid.CreateVersion7(createdAt), NpgsqlDbType.Uuid);
                await writer.WriteAsync(tenantId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(agentIds[random.Next(agentIds.Length)], NpgsqlDbType.Uuid);
                await writer.WriteAsync(1, NpgsqlDbType.Integer);
                await writer.WriteNullAsync();
                await writer.WriteAsync(direction.ToString().ToLowerInvariant(), NpgsqlDbType.Varchar);
                await writer.WriteAsync("+911100000000", NpgsqlDbType.Varchar);
                await writer.WriteAsync($"+9198{random.Next(10_000_000, 99_999_999)}", NpgsqlDbType.Varchar);
                await writer.WriteAsync(direction == CallDirection.Web ? "web" : "jambonz", NpgsqlDbType.Varchar);
                await writer.WriteAsync($"bench-{i}", NpgsqlDbType.Varchar);
                await writer.WriteAsync(status.ToName(), NpgsqlDbType.Varchar);
                await WriteTimeAsync(writer, status == CallStatus.Queued ? null : createdAt.AddSeconds(1));
                await WriteTimeAsync(writer, answered ? createdAt.AddSeconds(6) : null);
                await WriteTimeAsync(writer, terminal ? createdAt.AddSeconds(6 + duration) : null);
                await WriteNullableAsync(writer, terminal ? duration : null, NpgsqlDbType.Integer);
                await WriteNullableAsync(writer, terminal ? status.ToName() : null, NpgsqlDbType.Varchar);
                await WriteNullableAsync(writer, terminal ? """{"sip_status":200,"trunk":"bench"}""" : null, NpgsqlDbType.Jsonb);
                await writer.WriteAsync(decimal.Round(duration * 0.035m, 2), NpgsqlDbType.Numeric);
                await WriteNullableAsync(writer, duration > 0 ? $$"""{"llmTokens":{{duration * 7}}}""" : null, NpgsqlDbType.Jsonb);
                await writer.WriteNullAsync();
                await writer.WriteAsync(createdAt, NpgsqlDbType.TimestampTz);
            }

            await writer.CompleteAsync();
        }

        await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE) calls");
        await db.Database.CloseConnectionAsync();
    }

    private static CallStatus PickStatus(Random random)
    {
        var roll = random.Next(Statuses.Sum(s => s.Weight));
        foreach (var (status, weight) in Statuses)
        {
            if (roll < weight)
            {
                return status;
            }

            roll -= weight;
        }

        return CallStatus.Completed;
    }

    private static Task WriteTimeAsync(NpgsqlBinaryImporter writer, DateTimeOffset? value) =>
        value is { } time ? writer.WriteAsync(time, NpgsqlDbType.TimestampTz) : writer.WriteNullAsync();

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type)
        where T : class =>
        value is null ? writer.WriteNullAsync() : writer.WriteAsync(value, type);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter writer, int? value, NpgsqlDbType type) =>
        value is { } number ? writer.WriteAsync(number, type) : writer.WriteNullAsync();
}

using System.Data.Common;
using Invorto.Application.Conversations;
using Invorto.Domain.Calls;
using Invorto.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Invorto.Infrastructure.Timeline;

/// <summary>
/// Inserts a batch of timeline entries into <c>call_events</c> in one go and in the given order, so ids follow the
/// order of appending: binary COPY on PostgreSQL, one transaction of prepared inserts on SQLite. (EF's
/// <c>SaveChanges</c> does not promise the order of inserts into one table.) Names and conversions come from the EF model.
/// </summary>
internal static class CallEventBulkInsert
{
    public const int MaxKindLength = 64;

    public static async Task InsertAsync(InvortoDbContext db, IReadOnlyList<TimelineEntry> entries, CancellationToken cancellationToken)
    {
        var columns = CallEventColumns.Of(db.Model);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            if (connection is NpgsqlConnection npgsql)
            {
                await CopyAsync(npgsql, columns, entries, cancellationToken);
            }
            else
            {
                await InsertRowsAsync(connection, columns, entries, cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A refusal of the data itself (unknown call, bad JSON, too long) rather than an outage: retrying the same rows cannot help.</summary>
    public static bool IsDataError(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState.StartsWith("22", StringComparison.Ordinal) || postgres.SqlState.StartsWith("23", StringComparison.Ordinal),
        SqliteException sqlite => sqlite.SqliteErrorCode is 19 or 20,
        _ => false,
    };

    private static async Task CopyAsync(NpgsqlConnection connection, CallEventColumns columns, IReadOnlyList<TimelineEntry> entries, CancellationToken cancellationToken)
    {
        var copy = $"COPY {columns.Table} ({columns.CallId}, {columns.Ts}, {columns.Kind}, {columns.Payload}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var entry in entries)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(entry.CallId, NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync(entry.At.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(entry.Kind, NpgsqlDbType.Varchar, cancellationToken);
            if (entry.PayloadJson is null)
            {
                await importer.WriteNullAsync(cancellationToken);
            }
            else
            {
                await importer.WriteAsync(entry.PayloadJson, NpgsqlDbType.Jsonb, cancellationToken);
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static async Task InsertRowsAsync(DbConnection connection, CallEventColumns columns, IReadOnlyList<TimelineEntry> entries, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {columns.Table} ({columns.CallId}, {columns.Ts}, {columns.Kind}, {columns.Payload}) VALUES (@call_id, @ts, @kind, @payload)";
        foreach (var entry in entries)
        {
            command.Parameters.Clear();
            command.Parameters.Add(columns.CallIdMapping.CreateParameter(command, "@call_id", entry.CallId, nullable: false));
            command.Parameters.Add(columns.TsMapping.CreateParameter(command, "@ts", entry.At, nullable: false));
            command.Parameters.Add(columns.KindMapping.CreateParameter(command, "@kind", entry.Kind, nullable: false));
            command.Parameters.Add(columns.PayloadMapping.CreateParameter(command, "@payload", entry.PayloadJson, nullable: true));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The quoted table and column names of <see cref="CallEvent"/>, and the type mappings that convert values as EF does.</summary>
    private sealed record CallEventColumns(
        string Table,
        string CallId,
        string Ts,
        string Kind,
        string Payload,
        RelationalTypeMapping CallIdMapping,
        RelationalTypeMapping TsMapping,
        RelationalTypeMapping KindMapping,
        RelationalTypeMapping PayloadMapping)
    {
        public static CallEventColumns Of(IModel model)
        {
            var entity = model.FindEntityType(typeof(CallEvent)) ?? throw new InvalidOperationException("CallEvent is not in the model.");
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var callId = entity.FindProperty(nameof(CallEvent.CallId))!;
            var ts = entity.FindProperty(nameof(CallEvent.Ts))!;
            var kind = entity.FindProperty(nameof(CallEvent.Kind))!;
            var payload = entity.FindProperty(nameof(CallEvent.PayloadJson))!;
            return new CallEventColumns(
                table.Schema is null ? Quote(table.Name) : $"{Quote(table.Schema)}.{Quote(table.Name)}",
                Quote(callId.GetColumnName(table)!),
                Quote(ts.GetColumnName(table)!),
                Quote(kind.GetColumnName(table)!),
                Quote(payload.GetColumnName(table)!),
                callId.GetRelationalTypeMapping(),
                ts.GetRelationalTypeMapping(),
                kind.GetRelationalTypeMapping(),
                payload.GetRelationalTypeMapping());
        }

        private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }
}

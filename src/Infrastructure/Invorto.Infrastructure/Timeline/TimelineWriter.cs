using System.Buffers;
using System.Text;
using System.Text.Json;
using Invorto.Application.Conversations;
using Invorto.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Invorto.Infrastructure.Timeline;

/// <summary>
/// Drains the process's <see cref="TimelineQueue"/> off the audio path: batches of up to
/// <see cref="TimelineWriterSettings.MaxBatchSize"/> entries or <see cref="TimelineWriterSettings.BatchWindow"/>, each written
/// to the live stream (<see cref="ICallTimelineStream"/>) and with one bulk insert into <c>call_events</c> on a fresh
/// <see cref="InvortoDbContext"/>, in queue order. A failing sink is retried with backoff, then the batch's entries are
/// logged and counted (<c>invorto_timeline_write_failures_total</c>); nothing is thrown. On stop, what is queued is written.
/// </summary>
public sealed partial class TimelineWriter(
    TimelineQueue queue,
    ICallTimelineStream stream,
    IServiceScopeFactory scopes,
    TimelineMetrics metrics,
    TimelineWriterSettings settings,
    TimeProvider clock,
    ILogger<TimelineWriter> logger) : BackgroundService
{
    private readonly CancellationTokenSource _abandon = new();
    private readonly List<TimelineEntry> _batch = new(settings.MaxBatchSize);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _abandon.CancelAfter(settings.ShutdownFlushTimeout);
        await base.StopAsync(cancellationToken);

        // Here rather than at the end of ExecuteAsync, which never runs when the host stops before it was scheduled.
        // A loop still writing (the host gave up waiting) keeps the queue: it is abandoned with the process.
        if (ExecuteTask is null || ExecuteTask.IsCompleted)
        {
            await FlushAsync(_abandon.Token);
        }
    }

    public override void Dispose()
    {
        _abandon.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Writes run on their own token: stopping ends the waiting for entries, not a write in flight.
        var write = _abandon.Token;
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await FillAsync(_batch, stoppingToken);
                await WriteAsync(_batch, write);
                _batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes what is left.
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        try
        {
            do
            {
                Drain(_batch);
                if (_batch.Count > 0)
                {
                    await WriteAsync(_batch, cancellationToken);
                    _batch.Clear();
                }
            }
            while (queue.Reader.Count > 0);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var lost = _batch.Count + queue.Reader.Count;
            _batch.Clear();
            metrics.RecordWriteFailure(TimelineMetrics.DatabaseSink, lost);
            LogFlushAbandoned(logger, lost, settings.ShutdownFlushTimeout);
        }
    }

    /// <summary>Writes one batch to both sinks; never throws but for the abandon token.</summary>
    internal async Task WriteAsync(List<TimelineEntry> batch, CancellationToken cancellationToken)
    {
        var valid = RemoveInvalid(batch);
        if (valid.Count == 0)
        {
            return;
        }

        await Task.WhenAll(WriteStreamAsync(valid, cancellationToken), WriteDatabaseAsync(valid, cancellationToken));
    }

    private async Task FillAsync(List<TimelineEntry> batch, CancellationToken stoppingToken)
    {
        Drain(batch);
        if (batch.Count >= settings.MaxBatchSize)
        {
            return;
        }

        using var window = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        window.CancelAfter(settings.BatchWindow);
        try
        {
            while (batch.Count < settings.MaxBatchSize && await queue.Reader.WaitToReadAsync(window.Token))
            {
                Drain(batch);
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The window closed: write what we have.
        }
    }

    private void Drain(List<TimelineEntry> batch)
    {
        while (batch.Count < settings.MaxBatchSize && queue.Reader.TryRead(out var entry))
        {
            batch.Add(entry);
        }
    }

    private List<TimelineEntry> RemoveInvalid(List<TimelineEntry> batch)
    {
        var invalid = 0;
        var valid = new List<TimelineEntry>(batch.Count);
        foreach (var entry in batch)
        {
            if (IsValid(entry))
            {
                valid.Add(entry);
            }
            else
            {
                invalid++;
            }
        }

        if (invalid > 0)
        {
            metrics.RecordDropped(TimelineMetrics.Invalid, invalid);
            LogInvalid(logger, invalid);
        }

        return valid;
    }

    private static bool IsValid(TimelineEntry entry) =>
        entry.CallId != Guid.Empty
        && !string.IsNullOrWhiteSpace(entry.Kind)
        && entry.Kind.Length <= CallEventBulkInsert.MaxKindLength
        && (entry.PayloadJson is null || IsJson(entry.PayloadJson));

    private static bool IsJson(string text)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, buffer);
            var reader = new Utf8JsonReader(buffer.AsSpan(0, length));
            while (reader.Read())
            {
            }

            return reader.BytesConsumed > 0;
        }
        catch (JsonException)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task WriteStreamAsync(List<TimelineEntry> entries, CancellationToken cancellationToken)
    {
        if (await TryWithRetriesAsync(TimelineMetrics.StreamSink, entries, token => stream.AppendAsync(entries, token), cancellationToken) == Outcome.Written)
        {
            metrics.RecordWritten(TimelineMetrics.StreamSink, entries.Count);
        }
    }

    private async Task WriteDatabaseAsync(List<TimelineEntry> batch, CancellationToken cancellationToken)
    {
        // Canary sessions have no call row: their facts live in the stream only.
        var entries = batch.FindAll(entry => entry.TenantId != CanaryAgent.SystemTenantId);
        if (entries.Count == 0)
        {
            return;
        }

        var outcome = await TryInsertAsync(entries, countDataError: false, cancellationToken);
        if (outcome != Outcome.DataError)
        {
            return;
        }

        // One bad entry (a call that does not exist, say) must not cost the rest of the batch: retry call by call.
        foreach (var group in entries.GroupBy(entry => entry.CallId))
        {
            await TryInsertAsync(group.ToList(), countDataError: true, cancellationToken);
        }
    }

    private async Task<Outcome> TryInsertAsync(List<TimelineEntry> entries, bool countDataError, CancellationToken cancellationToken)
    {
        var outcome = await TryWithRetriesAsync(
            TimelineMetrics.DatabaseSink,
            entries,
            async token =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<InvortoDbContext>();
                await CallEventBulkInsert.InsertAsync(db, entries, token);
            },
            cancellationToken,
            countDataError);
        if (outcome == Outcome.Written)
        {
            metrics.RecordWritten(TimelineMetrics.DatabaseSink, entries.Count);
        }

        return outcome;
    }

    private async Task<Outcome> TryWithRetriesAsync(
        string sink,
        List<TimelineEntry> entries,
        Func<CancellationToken, Task> write,
        CancellationToken cancellationToken,
        bool countDataError = true)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await write(cancellationToken);
                return Outcome.Written;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var dataError = CallEventBulkInsert.IsDataError(ex);
                if (dataError || attempt >= settings.MaxAttempts)
                {
                    if (!dataError || countDataError)
                    {
                        metrics.RecordWriteFailure(sink, entries.Count);
                        LogWriteFailed(logger, sink, entries.Count, attempt, ex);
                    }

                    return dataError ? Outcome.DataError : Outcome.Failed;
                }

                LogRetrying(logger, sink, entries.Count, attempt, ex.Message);
                await Task.Delay(settings.RetryBackoff * Math.Pow(2, attempt - 1), clock, cancellationToken);
            }
        }
    }

    private enum Outcome
    {
        Written,
        Failed,
        DataError,
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timeline {Sink} write of {Count} entries failed (attempt {Attempt}); retrying: {Reason}")]
    private static partial void LogRetrying(ILogger logger, string sink, int count, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timeline {Sink} write of {Count} entries failed after {Attempts} attempt(s); the entries are lost to this sink")]
    private static partial void LogWriteFailed(ILogger logger, string sink, int count, int attempts, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped {Count} invalid timeline entries (empty call id, kind empty or over 64 characters, or payload not JSON)")]
    private static partial void LogInvalid(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stopping abandoned {Count} queued timeline entries after {Timeout}")]
    private static partial void LogFlushAbandoned(ILogger logger, int count, TimeSpan timeout);
}

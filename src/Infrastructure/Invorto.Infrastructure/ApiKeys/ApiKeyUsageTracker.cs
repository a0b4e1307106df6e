using System.Collections.Concurrent;
using System.Threading.Channels;
using Invorto.Application.Abstractions;
using Invorto.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Invorto.Infrastructure.ApiKeys;

/// <summary>
/// <c>api_keys.last_used_at</c> off the request path: a use is noted in memory, at most once per key per
/// <see cref="Interval"/> reaches a bounded channel (a full channel drops the note: the next minute brings another),
/// and a background loop writes what has gathered in one statement per batch.
/// </summary>
internal sealed partial class ApiKeyUsageTracker(IServiceScopeFactory scopes, ILogger<ApiKeyUsageTracker> logger) : BackgroundService, IApiKeyUsage
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private const int Capacity = 10_000;

    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _lastNoted = new();
    private readonly Channel<(Guid KeyId, DateTimeOffset At)> _pending = Channel.CreateBounded<(Guid, DateTimeOffset)>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Touch(Guid keyId, DateTimeOffset at)
    {
        var previous = _lastNoted.GetOrAdd(keyId, DateTimeOffset.MinValue);
        if (at - previous < Interval || !_lastNoted.TryUpdate(keyId, at, previous))
        {
            return;
        }

        _pending.Writer.TryWrite((keyId, at));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new Dictionary<Guid, DateTimeOffset>();
        try
        {
            while (await _pending.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < 500 && _pending.Reader.TryRead(out var use))
                {
                    batch[use.KeyId] = batch.TryGetValue(use.KeyId, out var known) && known > use.At ? known : use.At;
                }

                await WriteAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the notes still in memory are at most a minute old.
        }
    }

    private async Task WriteAsync(Dictionary<Guid, DateTimeOffset> batch, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<InvortoDbContext>();
            // One statement per batch: the batch's latest time stands for all of its keys (they were used within it).
            var at = batch.Values.Max();
            var ids = batch.Keys.ToList();
            await db.ApiKeys
                .Where(key => ids.Contains(key.Id) && (key.LastUsedAt == null || key.LastUsedAt < at))
                .ExecuteUpdateAsync(set => set.SetProperty(key => key.LastUsedAt, at), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogWriteFailed(exception, batch.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record last use of {Count} API keys; a use after the next interval tries again.")]
    private partial void LogWriteFailed(Exception exception, int count);
}

using System.Globalization;
using Invorto.Application.Conversations;
using StackExchange.Redis;

namespace Invorto.Infrastructure.Timeline;

/// <summary>
/// The call timeline with Redis streams: <see cref="Append"/> queues the entry (<see cref="TimelineQueue"/>), and
/// <see cref="TimelineWriter"/> hands batches back to <see cref="AppendAsync"/>, which adds each entry to
/// <c>events:{callId}</c> (<c>XADD ... MAXLEN ~ 10000 * kind &lt;k&gt; at &lt;iso&gt; payload &lt;json&gt;</c>) in one
/// MULTI/EXEC, so a failed batch is retried whole without leaving duplicates.
/// </summary>
public sealed class RedisCallTimeline : ICallTimeline, ICallTimelineStream
{
    public const string DefaultKeyPrefix = "events:";
    public const string KindField = "kind";
    public const string AtField = "at";
    public const string PayloadField = "payload";

    private readonly TimelineQueue _queue;
    private readonly IDatabase _redis;
    private readonly string _keyPrefix;

    /// <param name="keyPrefix">Prepended to the call id; tests use their own to share one Redis.</param>
    public RedisCallTimeline(TimelineQueue queue, IConnectionMultiplexer redis, string keyPrefix = DefaultKeyPrefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyPrefix);
        _queue = queue;
        _redis = redis.GetDatabase();
        _keyPrefix = keyPrefix;
    }

    public void Append(TimelineEntry entry) => _queue.Append(entry);

    public async Task AppendAsync(IReadOnlyList<TimelineEntry> entries, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (entries.Count == 0)
        {
            return;
        }

        var transaction = _redis.CreateTransaction();
        var adds = new List<Task>(entries.Count + 8);
        var keys = new HashSet<Guid>();
        foreach (var entry in entries)
        {
            adds.Add(transaction.StreamAddAsync(KeyOf(entry.CallId), Fields(entry), maxLength: ICallTimelineStream.MaxLength, useApproximateMaxLength: true));
            keys.Add(entry.CallId);
        }

        foreach (var callId in keys)
        {
            adds.Add(transaction.KeyExpireAsync(KeyOf(callId), ICallTimelineStream.Retention));
        }

        var committed = await transaction.ExecuteAsync().WaitAsync(cancellationToken);
        if (!committed)
        {
            throw new RedisException("The timeline transaction was not committed.");
        }

        await Task.WhenAll(adds);
    }

    public async Task<IReadOnlyList<TimelineStreamEntry>> ReadAsync(Guid callId, CancellationToken cancellationToken)
    {
        var entries = await _redis.StreamRangeAsync(KeyOf(callId)).WaitAsync(cancellationToken);
        var result = new List<TimelineStreamEntry>(entries.Length);
        foreach (var entry in entries)
        {
            var payload = entry[PayloadField];
            result.Add(new TimelineStreamEntry(
                entry.Id!,
                entry[KindField]!,
                DateTimeOffset.Parse(entry[AtField]!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                payload.IsNull ? null : (string?)payload));
        }

        return result;
    }

    private RedisKey KeyOf(Guid callId) => _keyPrefix + callId.ToString("D");

    private static NameValueEntry[] Fields(TimelineEntry entry)
    {
        var at = entry.At.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        return entry.PayloadJson is null
            ? [new(KindField, entry.Kind), new(AtField, at)]
            : [new(KindField, entry.Kind), new(AtField, at), new(PayloadField, entry.PayloadJson)];
    }
}

using Invorto.Application.Abstractions;
using Invorto.Domain.Concurrency;

namespace Invorto.Infrastructure.Concurrency;

/// <summary>
/// The limiter of the embedded single-process mode: the semantics of <c>RedisConcurrencyLimiter</c> held in memory
/// under one lock, with expiry judged by <see cref="TimeProvider"/>. It never reports the store unavailable.
/// </summary>
public sealed class InProcessConcurrencyLimiter : IConcurrencyLimiter
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ScopeSlots> _scopes = new(StringComparer.Ordinal);
    private readonly ConcurrencyPolicy _policy;
    private readonly TimeProvider _time;
    private readonly ConcurrencyMetrics _metrics;

    public InProcessConcurrencyLimiter(ConcurrencyPolicy policy, TimeProvider time, ConcurrencyMetrics metrics)
    {
        _policy = policy;
        _time = time;
        _metrics = metrics;
    }

    public Task<ConcurrencyAdmission> AcquireAsync(ConcurrencyRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var scopes = _policy.ScopesFor(request.TenantId, request.CampaignId, request.TenantLimit);
        var slot = request.Slot.Value;
        ConcurrencyScope? full = null;
        long expiry;

        lock (_gate)
        {
            var now = NowMs();
            expiry = now + TtlMs();
            foreach (var scope in scopes)
            {
                SlotsOf(scope.Key)?.RemoveExpired(now);
            }

            foreach (var scope in scopes)
            {
                var slots = SlotsOf(scope.Key);
                if (slots is not null && !slots.Contains(slot) && slots.Count >= scope.Limit)
                {
                    full = scope;
                    break;
                }
            }

            if (full is null)
            {
                foreach (var scope in scopes)
                {
                    GetOrAddSlots(scope.Key).Set(slot, expiry);
                }
            }
            else
            {
                ForgetEmpty(scopes);
            }
        }

        if (full is not null)
        {
            _metrics.RecordRejection(full);
            return Task.FromResult(ConcurrencyAdmission.Rejected(request.Slot, scopes, full));
        }

        return Task.FromResult(ConcurrencyAdmission.Admitted(request.Slot, scopes, DateTimeOffset.FromUnixTimeMilliseconds(expiry)));
    }

    public Task<RenewalOutcome> RenewAsync(SlotId slot, IReadOnlyCollection<ConcurrencyScope> scopes, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var held = true;
        lock (_gate)
        {
            var now = NowMs();
            foreach (var scope in scopes)
            {
                var slots = SlotsOf(scope.Key);
                slots?.RemoveExpired(now);
                if (slots is not null && slots.Contains(slot.Value))
                {
                    slots.Set(slot.Value, now + TtlMs());
                }
                else
                {
                    held = false;
                }
            }

            ForgetEmpty(scopes);
        }

        return Task.FromResult(held ? RenewalOutcome.Renewed : RenewalOutcome.NotHeld);
    }

    public Task<bool> ReleaseAsync(SlotId slot, IReadOnlyCollection<ConcurrencyScope> scopes, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            foreach (var scope in scopes)
            {
                SlotsOf(scope.Key)?.Remove(slot.Value);
            }

            ForgetEmpty(scopes);
        }

        return Task.FromResult(true);
    }

    public Task<int?> CountAsync(ConcurrencyScope scope, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var slots = SlotsOf(scope.Key);
            slots?.RemoveExpired(NowMs());
            ForgetEmpty([scope]);
            return Task.FromResult<int?>(slots?.Count ?? 0);
        }
    }

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private long TtlMs() => (long)_policy.SlotTtl.TotalMilliseconds;

    private ScopeSlots? SlotsOf(string key) => _scopes.GetValueOrDefault(key);

    private ScopeSlots GetOrAddSlots(string key)
    {
        if (!_scopes.TryGetValue(key, out var slots))
        {
            slots = new ScopeSlots();
            _scopes.Add(key, slots);
        }

        return slots;
    }

    // Like Redis deleting an empty sorted set: campaigns come and go, their scopes must not pile up.
    private void ForgetEmpty(IEnumerable<ConcurrencyScope> scopes)
    {
        foreach (var scope in scopes)
        {
            if (SlotsOf(scope.Key) is { Count: 0 })
            {
                _scopes.Remove(scope.Key);
            }
        }
    }

    /// <summary>One scope's sorted set: slot → expiry (unix ms), ordered by expiry so expired slots come off the front.</summary>
    private sealed class ScopeSlots
    {
        private static readonly Comparer<(long Expiry, string Slot)> ExpiryOrder = Comparer<(long Expiry, string Slot)>.Create(
            (a, b) => a.Expiry != b.Expiry ? a.Expiry.CompareTo(b.Expiry) : string.CompareOrdinal(a.Slot, b.Slot));

        private readonly Dictionary<string, long> _expiryBySlot = new(StringComparer.Ordinal);
        private readonly SortedSet<(long Expiry, string Slot)> _byExpiry = new(ExpiryOrder);

        public int Count => _expiryBySlot.Count;

        public bool Contains(string slot) => _expiryBySlot.ContainsKey(slot);

        public void Set(string slot, long expiry)
        {
            Remove(slot);
            _expiryBySlot.Add(slot, expiry);
            _byExpiry.Add((expiry, slot));
        }

        public void Remove(string slot)
        {
            if (_expiryBySlot.Remove(slot, out var expiry))
            {
                _byExpiry.Remove((expiry, slot));
            }
        }

        /// <summary>Drops slots whose expiry is at or before <paramref name="now"/>, as <c>ZREMRANGEBYSCORE -inf now</c> does.</summary>
        public void RemoveExpired(long now)
        {
            while (_byExpiry.Count > 0 && _byExpiry.Min.Expiry <= now)
            {
                var first = _byExpiry.Min;
                _byExpiry.Remove(first);
                _expiryBySlot.Remove(first.Slot);
            }
        }
    }
}

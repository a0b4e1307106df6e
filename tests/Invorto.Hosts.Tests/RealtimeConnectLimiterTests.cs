using Invorto.Application.Conversations;
using Invorto.Domain.Tenants;
using Invorto.Infrastructure.Configuration;
using Invorto.Realtime.Authentication;
using Invorto.Testing;
using Microsoft.Extensions.Options;

namespace Invorto.Hosts.Tests;

public sealed class RealtimeConnectLimiterTests : IDisposable
{
    private readonly RealtimeConnectLimiter _limiter = new(Options.Create(new RealtimeOptions { ConnectsPerSecond = 3 }));

    public void Dispose() => _limiter.Dispose();

    private static RealtimeCredential Key() => RealtimeCredential.ForTenantKey(Guid.NewGuid(), Guid.NewGuid(), ApiKeyRole.Dev);

    private int Acquired(RealtimeCredential credential, int attempts) =>
        Enumerable.Range(0, attempts).Count(_ => _limiter.TryAcquire(credential));

    [Fact]
    public void A_burst_over_the_per_second_limit_is_cut_at_the_limit()
    {
        Acquired(Key(), 10).ShouldBe(3);
    }

    [Fact]
    public void Each_key_has_its_own_bucket()
    {
        var first = Key();
        Acquired(first, 3);

        _limiter.TryAcquire(first).ShouldBeFalse();
        _limiter.TryAcquire(Key()).ShouldBeTrue();
    }

    [Fact]
    public void Tokens_of_one_tenant_share_a_bucket_and_the_operations_key_has_one()
    {
        var tenantId = Guid.NewGuid();

        Acquired(RealtimeCredential.ForToken(tenantId, Guid.NewGuid()), 2).ShouldBe(2);
        Acquired(RealtimeCredential.ForToken(tenantId, Guid.NewGuid()), 2).ShouldBe(1);
        Acquired(RealtimeCredential.ForOperationsKey(), 4).ShouldBe(3);
        Acquired(RealtimeCredential.ForOperationsKey(), 1).ShouldBe(0);
    }

    [Fact]
    public async Task An_emptied_bucket_refills()
    {
        var key = Key();
        Acquired(key, 3);

        var refilled = await Eventually.ReturnsAsync(() => Task.FromResult(_limiter.TryAcquire(key)), acquired => acquired, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));

        refilled.ShouldBeTrue();
    }
}

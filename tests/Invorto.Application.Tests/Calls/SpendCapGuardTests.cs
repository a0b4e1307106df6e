using Invorto.Application.Calls.SpendCap;
using Invorto.Application.Common;
using Invorto.Domain.Tenants;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Invorto.Application.Tests.Calls;

public sealed class SpendCapGuardTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 17, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 25);
    private readonly ISpendLedger _ledger = Substitute.For<ISpendLedger>();
    private readonly Tenant _tenant = Tenant.Create(Guid.NewGuid(), "acme", Now);

    private SpendCapGuard Guard(decimal? platformCap = null) => new(_ledger, new SpendCapDefaults(platformCap), new FakeTimeProvider(Now));

    private void SpentToday(decimal spent) =>
        _ledger.SpentAsync(_tenant.Id, new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero), Arg.Any<CancellationToken>())
            .Returns(spent);

    [Fact]
    public async Task Without_any_cap_spend_is_not_even_read()
    {
        var error = await Guard().CheckAsync(_tenant, CancellationToken.None);

        error.ShouldBeNull();
        await _ledger.DidNotReceiveWithAnyArgs().SpentAsync(default, default, default, default);
    }

    [Fact]
    public async Task Below_80_percent_nothing_is_recorded_and_calls_go_ahead()
    {
        _tenant.ChangeLimits(100m, null);
        SpentToday(79.99m);

        var error = await Guard().CheckAsync(_tenant, CancellationToken.None);

        error.ShouldBeNull();
        await _ledger.DidNotReceiveWithAnyArgs().RecordThresholdAsync(default!, default);
    }

    [Fact]
    public async Task At_80_percent_the_threshold_is_recorded_and_calls_still_go_ahead()
    {
        _tenant.ChangeLimits(100m, null);
        SpentToday(80m);

        var error = await Guard().CheckAsync(_tenant, CancellationToken.None);

        error.ShouldBeNull();
        await _ledger.Received(1).RecordThresholdAsync(new SpendThresholdReached(_tenant.Id, Today, 80, 80m, 100m), Arg.Any<CancellationToken>());
        await _ledger.DidNotReceive().RecordThresholdAsync(Arg.Is<SpendThresholdReached>(r => r.ThresholdPercent == 100), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task At_the_cap_both_thresholds_are_recorded_and_the_call_is_refused_with_quota_exceeded()
    {
        _tenant.ChangeLimits(100m, null);
        SpentToday(100m);

        var error = await Guard().CheckAsync(_tenant, CancellationToken.None);

        error.ShouldNotBeNull().Code.ShouldBe(ErrorCodes.QuotaExceeded);
        error.Message.ShouldContain("daily spend cap");
        error.RetryAfter.ShouldBe(TimeSpan.FromHours(6.5));
        await _ledger.Received(1).RecordThresholdAsync(new SpendThresholdReached(_tenant.Id, Today, 80, 100m, 100m), Arg.Any<CancellationToken>());
        await _ledger.Received(1).RecordThresholdAsync(new SpendThresholdReached(_tenant.Id, Today, 100, 100m, 100m), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task The_platform_default_applies_to_a_tenant_without_its_own_cap()
    {
        SpentToday(50m);

        var error = await Guard(platformCap: 50m).CheckAsync(_tenant, CancellationToken.None);

        error.ShouldNotBeNull().Code.ShouldBe(ErrorCodes.QuotaExceeded);
    }

    [Fact]
    public async Task The_tenants_own_cap_wins_over_the_platform_default()
    {
        _tenant.ChangeLimits(1000m, null);
        SpentToday(50m);

        var error = await Guard(platformCap: 50m).CheckAsync(_tenant, CancellationToken.None);

        error.ShouldBeNull();
    }

    [Theory]
    [InlineData(0, 100, new int[0])]
    [InlineData(79.99, 100, new int[0])]
    [InlineData(80, 100, new[] { 80 })]
    [InlineData(99.99, 100, new[] { 80 })]
    [InlineData(100, 100, new[] { 80, 100 })]
    [InlineData(250, 100, new[] { 80, 100 })]
    [InlineData(0, 0, new[] { 80, 100 })]
    public void Thresholds_are_reached_at_80_and_100_percent(double spent, double cap, int[] expected)
    {
        SpendCapGuard.Reached((decimal)spent, (decimal)cap).ShouldBe(expected);
    }
}

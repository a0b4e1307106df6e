namespace Invorto.Hosts.Tests;

/// <summary>A clock that always reads the same instant, to mint tokens in the past.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

namespace Invorto.Infrastructure.Tests.Concurrency;

/// <summary>
/// Tests that start OS processes (redis-server, hammer processes) and depend on timing: they run alone, after the
/// parallel tests, so a busy two-core machine does not turn them into flakes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RedisProcessesCollection
{
    public const string Name = "Redis processes";
}

namespace Invorto.Infrastructure.Timeline;

/// <summary>How <see cref="TimelineWriter"/> batches and retries; the defaults are the platform's, tests shorten them.</summary>
public sealed record TimelineWriterSettings
{
    /// <summary>A batch is written when it holds this many entries...</summary>
    public int MaxBatchSize { get; init; } = 500;

    /// <summary>...or when this long has passed since its first entry arrived.</summary>
    public TimeSpan BatchWindow { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Attempts per sink and batch before the entries are counted as failed.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The wait before the second attempt; it doubles before each further one.</summary>
    public TimeSpan RetryBackoff { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long stopping may take to write what is still queued.</summary>
    public TimeSpan ShutdownFlushTimeout { get; init; } = TimeSpan.FromSeconds(10);
}

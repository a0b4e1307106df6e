using System.Collections.Concurrent;
using Invorto.Application.Conversations;

namespace Invorto.Testing.Conversations;

/// <summary>A timeline that keeps its entries in memory.</summary>
public sealed class RecordingTimeline : ICallTimeline
{
    private readonly ConcurrentQueue<TimelineEntry> _entries = new();

    public IReadOnlyList<TimelineEntry> Entries => [.. _entries];

    public IReadOnlyList<string> Kinds => [.. _entries.Select(entry => entry.Kind)];

    public void Append(TimelineEntry entry) => _entries.Enqueue(entry);
}

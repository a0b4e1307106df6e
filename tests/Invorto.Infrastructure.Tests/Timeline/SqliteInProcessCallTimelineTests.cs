using Invorto.Application.Conversations;
using Invorto.Infrastructure.Persistence;
using Invorto.Infrastructure.Persistence.Sqlite;
using Invorto.Infrastructure.Tests.Persistence;
using Invorto.Infrastructure.Timeline;
using Microsoft.EntityFrameworkCore;

namespace Invorto.Infrastructure.Tests.Timeline;

/// <summary>The timeline contract in the embedded mode: the in-process stream substitute and SQLite.</summary>
public sealed class SqliteInProcessCallTimelineTests : CallTimelineContract<SqliteProvider>
{
    private readonly InProcessTimelineStreams _streams = new(TimeProvider.System);

    protected override ICallTimelineStream CreateTimeline(TimelineQueue queue, out ICallTimeline appender)
    {
        var timeline = new InProcessCallTimeline(queue, _streams);
        appender = timeline;
        return timeline;
    }

    protected override InvortoDbContext UnreachableContext()
    {
        var builder = new DbContextOptionsBuilder<SqliteInvortoDbContext>();
        builder.UseInvortoSqlite($"Data Source={Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}", "invorto.db")}");
        return new SqliteInvortoDbContext(builder.Options);
    }
}

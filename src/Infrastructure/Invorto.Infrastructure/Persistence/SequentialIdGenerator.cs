using Invorto.Application.Abstractions;

namespace Invorto.Infrastructure.Persistence;

internal sealed class SequentialIdGenerator(TimeProvider clock) : IIdGenerator
{
    public Guid NewId() => Guid.CreateVersion7(clock.GetUtcNow());
}

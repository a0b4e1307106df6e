using Invorto.Infrastructure.Persistence;

namespace Invorto.Infrastructure.Tests.Persistence;

/// <summary>A freshly migrated database of one provider, and contexts on it.</summary>
public interface IDatabaseProvider : IAsyncDisposable
{
    Task InitializeAsync();

    InvortoDbContext NewContext();
}

using Invorto.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Invorto.Infrastructure.Tests.Persistence;

/// <summary>A freshly migrated database of one provider, and contexts on it.</summary>
public interface IDatabaseProvider : IAsyncDisposable
{
    Task InitializeAsync();

    InvortoDbContext NewContext();

    InvortoDbContext NewContext(IInterceptor interceptor);
}

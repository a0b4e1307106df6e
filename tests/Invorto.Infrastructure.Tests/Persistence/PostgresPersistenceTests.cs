namespace Invorto.Infrastructure.Tests.Persistence;

public sealed class PostgresPersistenceTests : PersistenceContract<PostgresProvider>;

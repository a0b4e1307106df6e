namespace Invorto.Infrastructure.Tests.Persistence;

public sealed class SqlitePersistenceTests : PersistenceContract<SqliteProvider>;

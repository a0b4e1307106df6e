namespace Invorto.Infrastructure.Tests.Persistence;

public sealed class SqliteCallsQueriesTests : CallsQueriesContract<SqliteProvider>;

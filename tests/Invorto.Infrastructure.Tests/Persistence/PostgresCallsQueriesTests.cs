namespace Invorto.Infrastructure.Tests.Persistence;

public sealed class PostgresCallsQueriesTests : CallsQueriesContract<PostgresProvider>;

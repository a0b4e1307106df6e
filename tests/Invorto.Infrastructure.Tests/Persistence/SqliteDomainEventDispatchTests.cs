namespace Invorto.Infrastructure.Tests.Persistence;

public sealed class SqliteDomainEventDispatchTests : DomainEventDispatchContract<SqliteProvider>;

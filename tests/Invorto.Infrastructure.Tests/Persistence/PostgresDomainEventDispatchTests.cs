namespace Invorto.Infrastructure.Tests.Persistence;

public sealed class PostgresDomainEventDispatchTests : DomainEventDispatchContract<PostgresProvider>;

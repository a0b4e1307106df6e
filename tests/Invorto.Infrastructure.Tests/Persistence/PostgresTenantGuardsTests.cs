namespace Invorto.Infrastructure.Tests.Persistence;

public sealed class PostgresTenantGuardsTests : TenantGuardsContract<PostgresProvider>;

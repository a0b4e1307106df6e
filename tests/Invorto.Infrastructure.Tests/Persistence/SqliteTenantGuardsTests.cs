namespace Invorto.Infrastructure.Tests.Persistence;

public sealed class SqliteTenantGuardsTests : TenantGuardsContract<SqliteProvider>;

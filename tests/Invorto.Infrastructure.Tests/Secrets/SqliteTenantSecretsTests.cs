using Invorto.Infrastructure.Tests.Persistence;

namespace Invorto.Infrastructure.Tests.Secrets;

public sealed class SqliteTenantSecretsTests : TenantSecretsContract<SqliteProvider>;

using Invorto.Application.Secrets;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Infrastructure.Secrets;

/// <summary>
/// The <see cref="ITenantSecretReader"/> the container hands out: a singleton, so that long-lived consumers (a call's
/// conversation, a provider factory) can hold it, which opens a scope (a database context) for each read.
/// </summary>
internal sealed class ScopedTenantSecretReader(IServiceScopeFactory scopes) : ITenantSecretReader
{
    public async ValueTask<string?> GetAsync(Guid tenantId, string name, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TenantSecretReader>().GetAsync(tenantId, name, cancellationToken);
    }
}

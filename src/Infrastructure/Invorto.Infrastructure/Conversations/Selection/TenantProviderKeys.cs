using Invorto.Application.Secrets;

namespace Invorto.Infrastructure.Conversations.Selection;

/// <summary>A tenant's own provider key, read from its secrets when a call starts (never cached, never logged).</summary>
public sealed class TenantProviderKeys(ITenantSecretReader secrets)
{
    public async ValueTask<string?> GetAsync(Guid tenantId, string provider, CancellationToken cancellationToken)
    {
        if (ProviderKeySecrets.For(provider) is not { } name)
        {
            return null;
        }

        var value = await secrets.GetAsync(tenantId, name, cancellationToken).ConfigureAwait(false);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}

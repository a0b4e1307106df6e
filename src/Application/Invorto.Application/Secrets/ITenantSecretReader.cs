namespace Invorto.Application.Secrets;

/// <summary>
/// Reads one tenant secret's plain value at the moment it is used (a tool call, a provider connecting), never earlier:
/// the value is not cached by callers, not logged and not returned by any API.
/// </summary>
public interface ITenantSecretReader
{
    /// <returns>The value, or null when the tenant has no secret of that name.</returns>
    ValueTask<string?> GetAsync(Guid tenantId, string name, CancellationToken cancellationToken);
}

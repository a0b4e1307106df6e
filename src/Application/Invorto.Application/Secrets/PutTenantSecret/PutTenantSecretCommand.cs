using System.Text;

namespace Invorto.Application.Secrets.PutTenantSecret;

/// <summary>
/// <c>PUT /v1/secrets/{name}</c>: creates the caller's tenant's secret or replaces its value.
/// <paramref name="ApiKeyId"/> is the key that asks, for the audit trail.
/// </summary>
public sealed record PutTenantSecretCommand(Guid TenantId, Guid ApiKeyId, string? Name, string? Value)
{
    // A record prints every property; this one must never print the value, wherever it ends up (a log, a failed assertion).
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"TenantId = {TenantId}, ApiKeyId = {ApiKeyId}, Name = {Name}, Value = ***");
        return true;
    }
}

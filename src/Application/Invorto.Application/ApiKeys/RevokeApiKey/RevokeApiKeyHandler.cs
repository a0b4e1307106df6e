using Invorto.Application.Abstractions;
using Invorto.Application.ApiKeys.Specifications;
using Invorto.Application.Common;
using Invorto.Domain.Tenants;

namespace Invorto.Application.ApiKeys.RevokeApiKey;

/// <summary>
/// No validator: the command carries only the caller's tenant and a route id. The admin count and the revocation
/// happen under the tenant's lock in one transaction, so two admins revoking each other at once leave one admin.
/// </summary>
public sealed class RevokeApiKeyHandler(IRepository<ApiKey> keys, IUnitOfWork unitOfWork, ITenantLock tenantLock)
{
    public Task<Result<Guid>> HandleAsync(RevokeApiKeyCommand command, CancellationToken cancellationToken) =>
        unitOfWork.InTransactionAsync(
            async ct =>
            {
                await tenantLock.LockAsync(command.TenantId, ct);
                return await RevokeAsync(command, ct);
            },
            cancellationToken);

    private async Task<Result<Guid>> RevokeAsync(RevokeApiKeyCommand command, CancellationToken cancellationToken)
    {
        var key = await keys.SingleOrDefaultAsync(new ApiKeyByIdSpec(command.TenantId, command.KeyId), cancellationToken);
        if (key is null)
        {
            return Error.NotFound("The API key");
        }

        if (!key.Active)
        {
            return key.Id;
        }

        // Without an admin key nobody could issue keys for the tenant again.
        if (key.Role == ApiKeyRole.Admin && await keys.CountAsync(new ActiveAdminKeysOfTenantSpec(command.TenantId), cancellationToken) <= 1)
        {
            return Error.Conflict("This is the tenant's last active admin key; issue another admin key before revoking it.");
        }

        key.Revoke();
        await keys.UpdateAsync(key, cancellationToken);
        return key.Id;
    }
}

using FluentValidation;
using Invorto.Application.Abstractions;
using Invorto.Application.Audit;
using Invorto.Application.Common;
using Invorto.Application.Secrets.Specifications;
using Invorto.Domain.Audit;
using Invorto.Domain.Secrets;

namespace Invorto.Application.Secrets.PutTenantSecret;

/// <summary>
/// Encrypts the value, then creates or replaces the secret and records <c>secret.put</c> in one transaction. The
/// tenant's lock makes the per-tenant count and the create-or-replace decision safe against concurrent PUTs.
/// </summary>
public sealed class PutTenantSecretHandler(
    IValidator<PutTenantSecretCommand> validator,
    IRepository<TenantSecret> secrets,
    IRepository<AuditEvent> auditEvents,
    ISecretProtector protector,
    IUnitOfWork unitOfWork,
    ITenantLock tenantLock,
    IIdGenerator ids,
    TimeProvider clock)
{
    public async Task<Result<TenantSecretDto>> HandleAsync(PutTenantSecretCommand command, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(command, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var encrypted = protector.Protect(command.TenantId, command.Name!, command.Value!);
        return await unitOfWork.InTransactionAsync(
            async ct =>
            {
                await tenantLock.LockAsync(command.TenantId, ct);
                return await PutAsync(command, encrypted, ct);
            },
            cancellationToken);
    }

    private async Task<Result<TenantSecretDto>> PutAsync(PutTenantSecretCommand command, string encrypted, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var secret = await secrets.SingleOrDefaultAsync(new TenantSecretByNameSpec(command.TenantId, command.Name!), cancellationToken);
        if (secret is null)
        {
            if (await secrets.CountAsync(new TenantSecretNamesSpec(command.TenantId), cancellationToken) >= TenantSecret.MaxPerTenant)
            {
                return Error.Conflict($"The tenant already has {TenantSecret.MaxPerTenant} secrets, the most it may keep; delete one first.");
            }

            secret = TenantSecret.Create(command.TenantId, command.Name!, encrypted, now);
            await secrets.AddAsync(secret, cancellationToken);
        }
        else
        {
            secret.Replace(encrypted, now);
            await secrets.UpdateAsync(secret, cancellationToken);
        }

        await auditEvents.AddAsync(
            AuditEvent.Record(ids.NewId(), command.TenantId, command.ApiKeyId, AuditActions.SecretPut, AuditActions.SecretTarget, secret.Name, now),
            cancellationToken);
        return new TenantSecretDto(secret.Name, secret.CreatedAt, secret.UpdatedAt);
    }
}

using FluentValidation;
using Invorto.Application.Abstractions;
using Invorto.Application.Audit;
using Invorto.Application.Common;
using Invorto.Application.Secrets.Specifications;
using Invorto.Domain.Audit;
using Invorto.Domain.Secrets;

namespace Invorto.Application.Secrets.DeleteTenantSecret;

/// <summary>Deletes the secret and records <c>secret.deleted</c> in one transaction; an absent secret is <c>not_found</c>.</summary>
public sealed class DeleteTenantSecretHandler(
    IValidator<DeleteTenantSecretCommand> validator,
    IRepository<TenantSecret> secrets,
    IRepository<AuditEvent> auditEvents,
    IUnitOfWork unitOfWork,
    IIdGenerator ids,
    TimeProvider clock)
{
    public async Task<Result<string>> HandleAsync(DeleteTenantSecretCommand command, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(command, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        return await unitOfWork.InTransactionAsync(ct => DeleteAsync(command, ct), cancellationToken);
    }

    private async Task<Result<string>> DeleteAsync(DeleteTenantSecretCommand command, CancellationToken cancellationToken)
    {
        var secret = await secrets.SingleOrDefaultAsync(new TenantSecretByNameSpec(command.TenantId, command.Name!), cancellationToken);
        if (secret is null)
        {
            return Error.NotFound($"The secret '{command.Name}'");
        }

        await secrets.DeleteAsync(secret, cancellationToken);
        await auditEvents.AddAsync(
            AuditEvent.Record(ids.NewId(), command.TenantId, command.ApiKeyId, AuditActions.SecretDeleted, AuditActions.SecretTarget, secret.Name, clock.GetUtcNow()),
            cancellationToken);
        return secret.Name;
    }
}

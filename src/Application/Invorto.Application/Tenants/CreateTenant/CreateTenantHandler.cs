using FluentValidation;
using Invorto.Application.Abstractions;
using Invorto.Application.Common;
using Invorto.Domain.Tenants;

namespace Invorto.Application.Tenants.CreateTenant;

public sealed class CreateTenantHandler(
    IValidator<CreateTenantCommand> validator,
    IRepository<Tenant> tenants,
    IRepository<ApiKey> keys,
    IUnitOfWork unitOfWork,
    IIdGenerator ids,
    ApiKeyEnvironment keyEnvironment,
    TimeProvider clock)
{
    public async Task<Result<TenantCreated>> HandleAsync(CreateTenantCommand command, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(command, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var now = clock.GetUtcNow();
        var tenant = Tenant.Create(ids.NewId(), command.Name, now);
        var secret = ApiKeySecret.Generate(keyEnvironment.Name);
        var key = ApiKey.Issue(ids.NewId(), tenant.Id, "bootstrap admin", ApiKeyRole.Admin, secret, now);

        // The key is saved with its tenant or not at all.
        return await unitOfWork.InTransactionAsync(
            async ct =>
            {
                await tenants.AddAsync(tenant, ct);
                await keys.AddAsync(key, ct);
                return Result<TenantCreated>.Success(new TenantCreated(tenant.Id, tenant.Name, key.Id, secret.Value));
            },
            cancellationToken);
    }
}

using FluentValidation;
using Invorto.Application.Abstractions;
using Invorto.Application.Common;
using Invorto.Domain.Tenants;

namespace Invorto.Application.ApiKeys.CreateApiKey;

public sealed class CreateApiKeyHandler(
    IValidator<CreateApiKeyCommand> validator,
    IRepository<ApiKey> keys,
    IIdGenerator ids,
    ApiKeyEnvironment keyEnvironment,
    TimeProvider clock)
{
    public async Task<Result<ApiKeyCreated>> HandleAsync(CreateApiKeyCommand command, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(command, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var role = ApiKeyRoles.Parse(command.Role);
        var secret = ApiKeySecret.Generate(keyEnvironment.Name);
        var key = ApiKey.Issue(ids.NewId(), command.TenantId, command.Name!, role, secret, clock.GetUtcNow());
        await keys.AddAsync(key, cancellationToken);

        return new ApiKeyCreated(key.Id, key.Name, key.Role, secret.Value, key.CreatedAt);
    }
}

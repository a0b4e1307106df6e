using Invorto.Application.Tenants.CreateTenant;
using Invorto.Hosting;
using Invorto.Infrastructure.Persistence;

namespace Invorto.Api.Commands;

/// <summary>Operator commands of the Api binary: <c>migrate</c> and <c>create-tenant &lt;name&gt;</c>.</summary>
public static class ApiCommands
{
    public static bool IsCommand(string[] args) => args is ["migrate", ..] or ["create-tenant", ..];

    public static async Task<int> RunAsync(WebApplication app, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        switch (args)
        {
            case ["migrate"]:
                await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
                await output.WriteLineAsync("Database migrated.");
                return 0;

            case ["create-tenant", var name]:
                await app.MigrateIfConfiguredAsync(cancellationToken);
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    var result = await scope.ServiceProvider.GetRequiredService<CreateTenantHandler>()
                        .HandleAsync(new CreateTenantCommand(name), cancellationToken);
                    if (!result.IsSuccess)
                    {
                        await output.WriteLineAsync($"Cannot create the tenant: {string.Join("; ", result.Error.Fields?.SelectMany(field => field.Value.Select(message => $"{field.Key} {message}")) ?? [result.Error.Message])}");
                        return 2;
                    }

                    var created = result.Value;
                    await output.WriteLineAsync($"Tenant '{created.Name}' created: {created.TenantId}");
                    await output.WriteLineAsync($"Admin API key (shown once, store it now): {created.ApiKey}");
                    return 0;
                }

            default:
                await output.WriteLineAsync("Usage: Invorto.Api [migrate | create-tenant <name>]");
                return 2;
        }
    }
}

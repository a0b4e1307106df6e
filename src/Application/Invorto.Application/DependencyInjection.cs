using FluentValidation;
using Invorto.Application.Agents.ArchiveAgent;
using Invorto.Application.Agents.CreateAgent;
using Invorto.Application.Agents.GetAgent;
using Invorto.Application.Agents.ListAgents;
using Invorto.Application.Agents.UpdateAgent;
using Invorto.Application.ApiKeys.Authenticate;
using Invorto.Application.ApiKeys.CreateApiKey;
using Invorto.Application.ApiKeys.ListApiKeys;
using Invorto.Application.ApiKeys.RevokeApiKey;
using Invorto.Application.Common;
using Invorto.Application.Numbers.AddNumber;
using Invorto.Application.Numbers.ListNumbers;
using Invorto.Application.Numbers.RemoveNumber;
using Invorto.Application.Telephony.ApplyCallStatus;
using Invorto.Application.Telephony.ConnectCall;
using Invorto.Application.Tenants.CreateTenant;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: false);
        services.AddAutoMapper(MappingConfiguration.Apply);

        services.AddScoped<ApiKeyAuthenticator>();
        services.AddScoped<CreateTenantHandler>();
        services.AddScoped<CreateAgentHandler>();
        services.AddScoped<GetAgentHandler>();
        services.AddScoped<ApplyCallStatusHandler>();
        services.AddScoped<ConnectCallHandler>();
        services.AddScoped<ListAgentsHandler>();
        services.AddScoped<UpdateAgentHandler>();
        services.AddScoped<ArchiveAgentHandler>();
        services.AddScoped<CreateApiKeyHandler>();
        services.AddScoped<ListApiKeysHandler>();
        services.AddScoped<RevokeApiKeyHandler>();
        services.AddScoped<AddNumberHandler>();
        services.AddScoped<ListNumbersHandler>();
        services.AddScoped<RemoveNumberHandler>();
        return services;
    }
}

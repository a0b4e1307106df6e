using FluentValidation;
using Invorto.Application.Agents;
using Invorto.Application.Agents.ArchiveAgent;
using Invorto.Application.Agents.CreateAgent;
using Invorto.Application.Agents.GetAgent;
using Invorto.Application.Agents.ListAgents;
using Invorto.Application.Agents.UpdateAgent;
using Invorto.Application.ApiKeys.Authenticate;
using Invorto.Application.ApiKeys.CreateApiKey;
using Invorto.Application.ApiKeys.ListApiKeys;
using Invorto.Application.ApiKeys.RevokeApiKey;
using Invorto.Application.Calls;
using Invorto.Application.Calls.Artifacts.DownloadArtifact;
using Invorto.Application.Calls.Artifacts.GetCallArtifacts;
using Invorto.Application.Calls.Costs;
using Invorto.Application.Calls.GetCall;
using Invorto.Application.Calls.GetCallTimeline;
using Invorto.Application.Calls.GetMetrics;
using Invorto.Application.Calls.HangUpCall;
using Invorto.Application.Calls.ListCalls;
using Invorto.Application.Calls.PostCall;
using Invorto.Application.Calls.ReapStaleCalls;
using Invorto.Application.Calls.SendDtmf;
using Invorto.Application.Calls.SpendCap;
using Invorto.Application.Calls.StartOutboundCall;
using Invorto.Application.Calls.TransferCall;
using Invorto.Application.Common;
using Invorto.Application.Concurrency;
using Invorto.Application.Conversations;
using Invorto.Application.Conversations.Engine;
using Invorto.Application.Numbers.AddNumber;
using Invorto.Application.Numbers.ListNumbers;
using Invorto.Application.Numbers.RemoveNumber;
using Invorto.Application.Telephony;
using Invorto.Application.Telephony.ApplyCallStatus;
using Invorto.Application.Telephony.ConnectCall;
using Invorto.Application.Tenants.CreateTenant;
using Invorto.Application.Tools;
using Invorto.Application.Tools.ValidateTool;
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
        services.AddScoped<ToolTargetChecks>();
        services.AddScoped<AgentTargetChecks>();
        services.AddScoped<CreateAgentHandler>();
        services.AddScoped<GetAgentHandler>();
        services.AddScoped<ApplyCallStatusHandler>();
        services.AddScoped<CallAdmission>();
        services.AddScoped<StartOutboundCallHandler>();
        services.AddScoped<HangUpCallHandler>();
        services.AddScoped<ReapStaleCallsHandler>();
        services.AddScoped<ProcessEndedCallsHandler>();
        services.AddScoped<TransferCallHandler>();
        services.AddScoped<SendDtmfHandler>();
        services.AddScoped<TelephonyProviders>();
        services.AddScoped<ConnectCallHandler>();
        services.AddScoped<ListAgentsHandler>();
        services.AddScoped<UpdateAgentHandler>();
        services.AddScoped<ArchiveAgentHandler>();
        services.AddScoped<ListCallsHandler>();
        services.AddScoped<GetCallHandler>();
        services.AddScoped<GetCallTimelineHandler>();
        services.AddScoped<GetMetricsHandler>();
        services.AddScoped<CreateApiKeyHandler>();
        services.AddScoped<ListApiKeysHandler>();
        services.AddScoped<RevokeApiKeyHandler>();
        services.AddScoped<AddNumberHandler>();
        services.AddScoped<ListNumbersHandler>();
        services.AddScoped<RemoveNumberHandler>();
        services.AddScoped<EndConversationHandler>();
        services.AddSingleton<CallCostCalculator>();
        services.AddSingleton<CallSettlement>();
        services.AddSingleton<ConversationOptions>();
        services.AddSingleton<ConversationMetrics>();
        services.AddSingleton<AudioPacer>();
        services.AddSingleton<IAudioPacer>(provider => provider.GetRequiredService<AudioPacer>());
        services.AddSingleton<AgentAudioFramePool>();
        services.AddSingleton<ConversationSessionFactory>();
        services.AddScoped<LoadCallConversationHandler>();
        services.AddScoped<OpenWebSessionHandler>();
        services.AddSingleton<CallSessionKeepAliveFactory>();
        services.AddScoped<SpendCapGuard>();
        services.AddScoped<GetCallArtifactsHandler>();
        services.AddScoped<DownloadArtifactHandler>();
        services.AddScoped<ValidateToolHandler>();
        return services;
    }
}

using Invorto.Infrastructure.Tools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Invorto.Infrastructure.Conversations.Providers;

/// <summary>
/// Provider endpoints an agent wrote (<c>llm.baseUrl</c>, <c>voice.baseUrl</c>, <c>asr.baseUrl</c> and their fallbacks)
/// are reached through a twin of the provider's named client whose connections go through the tools'
/// <see cref="SsrfConnectGuard"/>: a name that resolves to a loopback, private or metadata address is refused when it
/// connects (the agent save and the call's provider selection refuse such literal addresses already), there is no proxy
/// to connect in the guard's place and no redirect to follow. Endpoints the operator configured use the plain clients.
/// </summary>
public static class AgentEndpointHttpClients
{
    private const string Suffix = ".agent-endpoint";

    /// <summary>The client to use for <paramref name="clientName"/>'s provider: the guarded twin when an agent wrote the endpoint.</summary>
    public static string ClientName(string clientName, bool agentEndpoint) => agentEndpoint ? clientName + Suffix : clientName;

    /// <summary>
    /// Registers the guarded twin of <paramref name="clientName"/>: no overall timeout unless <paramref name="timeout"/>
    /// is given (streaming adapters time themselves), a 5 s connect timeout, an abandoned response closes its connection.
    /// Needs <c>AddToolExecution</c> (the guard's resolver and settings).
    /// </summary>
    public static IServiceCollection AddAgentEndpointHttpClient(this IServiceCollection services, string clientName, TimeSpan? timeout = null)
    {
        services.TryAddSingleton<SsrfConnectGuard>();
        services.AddHttpClient(ClientName(clientName, agentEndpoint: true), client => client.Timeout = timeout ?? Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                ConnectCallback = provider.GetRequiredService<SsrfConnectGuard>().ConnectAsync,
                ConnectTimeout = TimeSpan.FromSeconds(5),
                AllowAutoRedirect = false,
                UseProxy = false,
                UseCookies = false,
                MaxResponseDrainSize = 0,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        return services;
    }
}

using Invorto.Application.Tools.Execution;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Invorto.Infrastructure.Tools;

/// <summary>The platform's tool runner and its HTTP client.</summary>
public static class ToolHttpClientRegistration
{
    /// <summary>
    /// Registers <see cref="IToolExecutor"/> (<see cref="HttpToolExecutor"/>) and its named client: a
    /// <see cref="SocketsHttpHandler"/> whose connections go through the <see cref="SsrfConnectGuard"/>, with no proxy (a
    /// proxy would connect in the guard's place), no redirects, no cookies and no client timeout (the executor owns it),
    /// and without IHttpClientFactory's request logging (it would log URLs, which may carry secrets). Needs
    /// <c>ToolTargetSettings</c> and an <c>ITenantSecretReader</c>; resolves names with the system resolver unless an
    /// <see cref="IToolHostResolver"/> is already registered.
    /// </summary>
    public static IServiceCollection AddToolExecution(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IToolHostResolver, DnsToolHostResolver>();
        services.TryAddSingleton<SsrfConnectGuard>();
        services.TryAddSingleton<ToolArgumentsValidator>();
        services.TryAddSingleton<IToolExecutor, HttpToolExecutor>();
        services.AddHttpClient(HttpToolExecutor.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                ConnectCallback = provider.GetRequiredService<SsrfConnectGuard>().ConnectAsync,
                AllowAutoRedirect = false,
                UseProxy = false,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            .RemoveAllLoggers();
        return services;
    }
}

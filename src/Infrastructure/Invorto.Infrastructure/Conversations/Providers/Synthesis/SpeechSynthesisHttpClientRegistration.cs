using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Infrastructure.Conversations.Providers.Synthesis;

public static class SpeechSynthesisHttpClientRegistration
{
    /// <summary>
    /// Registers a named <see cref="HttpClient"/> fit for a streaming synthesizer: no overall timeout (the synthesizer
    /// times the first byte and each stall itself), no resilience handler (a streamed reply must never be retried
    /// half-way, so a host must not add the standard handler to every client), a 5 s connect timeout, and pooled
    /// connections recycled every 2 minutes so a long-lived synthesizer holding its client still sees DNS changes.
    /// </summary>
    public static IHttpClientBuilder AddSpeechSynthesisHttpClient(this IServiceCollection services, string name) =>
        services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                ConnectTimeout = TimeSpan.FromSeconds(5),
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
}

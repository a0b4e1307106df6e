using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Conversations.Providers.OpenAi;

public static class OpenAiProviderRegistration
{
    /// <summary>
    /// Registers <see cref="OpenAiOptions"/> (<c>OPENAI_API_KEY</c>, <c>OPENAI_BASE_URL</c>,
    /// <c>OPENAI_LLM_FIRST_TOKEN_TIMEOUT_MS</c>, <c>OPENAI_LLM_IDLE_TIMEOUT_MS</c>; validated at start-up), the
    /// adapter's named <see cref="HttpClient"/> and <see cref="OpenAiLanguageModelFactory"/>.
    /// </summary>
    public static IServiceCollection AddOpenAiProviders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OpenAiOptions>().Bind(configuration).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpenAiOptions>, OpenAiOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // A streamed reply is never retried (it would replay what the caller heard) and is timed by the adapter,
        // so the client has neither a resilience handler nor an overall timeout. A reply abandoned half-way closes its
        // connection at once instead of reading the rest of the generation to reuse it.
#pragma warning disable EXTEXP0001 // Evaluation API; it keeps a host-wide default resilience handler off this client.
        services.AddHttpClient(OpenAiLanguageModel.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { MaxResponseDrainSize = 0 })
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        services.TryAddSingleton<OpenAiLanguageModelFactory>();
        return services;
    }
}

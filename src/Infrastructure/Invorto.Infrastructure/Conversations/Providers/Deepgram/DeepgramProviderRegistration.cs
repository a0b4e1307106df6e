using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Conversations.Providers.Deepgram;

public static class DeepgramProviderRegistration
{
    /// <summary>
    /// Binds <see cref="DeepgramOptions"/> (<c>DEEPGRAM_API_KEY</c>, <c>DEEPGRAM_BASE_URL</c>) with start-up validation
    /// and registers the platform-key <see cref="DeepgramRecognizer"/> as a singleton.
    /// </summary>
    public static IServiceCollection AddDeepgramProviders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DeepgramOptions>().Bind(configuration).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeepgramOptions>, DeepgramOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new DeepgramRecognizer(
            provider.GetRequiredService<IOptions<DeepgramOptions>>(),
            provider.GetRequiredService<ILoggerFactory>(),
            provider.GetRequiredService<TimeProvider>()));
        return services;
    }
}

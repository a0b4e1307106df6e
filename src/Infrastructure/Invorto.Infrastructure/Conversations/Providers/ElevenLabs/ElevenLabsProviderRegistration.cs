using Invorto.Infrastructure.Conversations.Providers.Synthesis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Conversations.Providers.ElevenLabs;

public static class ElevenLabsProviderRegistration
{
    /// <summary>The named <see cref="HttpClient"/> every ElevenLabs request goes through.</summary>
    public const string HttpClientName = "elevenlabs";

    /// <summary>
    /// Binds and validates <see cref="ElevenLabsOptions"/> at start-up, registers the <see cref="HttpClientName"/> client
    /// (see <see cref="SpeechSynthesisHttpClientRegistration.AddSpeechSynthesisHttpClient"/>) and
    /// <see cref="ElevenLabsSpeechSynthesizer"/> as a singleton built from the platform key. Resolving the synthesizer
    /// when <c>ELEVENLABS_API_KEY</c> is not set throws: check <see cref="ElevenLabsOptions.IsConfigured"/> first and fall
    /// back to the offline voice. A tenant's own key gets its own synthesizer, built with the client from this name.
    /// </summary>
    public static IServiceCollection AddElevenLabsProviders(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ElevenLabsOptions>().Bind(configuration).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ElevenLabsOptions>, ElevenLabsOptionsValidator>());
        services.AddSpeechSynthesisHttpClient(HttpClientName);
        services.TryAddSingleton(provider => new ElevenLabsSpeechSynthesizer(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            provider.GetRequiredService<IOptions<ElevenLabsOptions>>().Value.ToEndpoint(),
            provider.GetRequiredService<ILogger<ElevenLabsSpeechSynthesizer>>(),
            provider.GetService<TimeProvider>()));
        return services;
    }
}

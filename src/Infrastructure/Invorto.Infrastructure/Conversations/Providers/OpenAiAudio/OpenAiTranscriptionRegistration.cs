using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Invorto.Infrastructure.Conversations.Providers.OpenAiAudio;

public static class OpenAiTranscriptionRegistration
{
    /// <summary>
    /// Registers <see cref="OpenAiTranscriptionRecognizerFactory"/> and its named HTTP client. The client has no
    /// standard resilience handler: each upload carries its own attempt timeout and single retry.
    /// </summary>
    public static IServiceCollection AddOpenAiTranscription(this IServiceCollection services)
    {
        services.AddHttpClient(OpenAiTranscriptionRecognizerFactory.HttpClientName, client => client.Timeout = OpenAiTranscriptionRecognizerFactory.Timeout);
        services.TryAddSingleton<OpenAiTranscriptionRecognizerFactory>();
        return services;
    }
}

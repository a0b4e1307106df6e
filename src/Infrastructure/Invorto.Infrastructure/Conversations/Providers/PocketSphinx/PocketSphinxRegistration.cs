using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Conversations.Providers.PocketSphinx;

public static class PocketSphinxRegistration
{
    /// <summary>
    /// Binds and validates <see cref="PocketSphinxOptions"/> at start-up and registers the process's one
    /// <see cref="PocketSphinxModel"/> (dictionary, per-agent grammars, pooled decoders); recognizers are made per call.
    /// </summary>
    public static IServiceCollection AddPocketSphinx(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PocketSphinxOptions>().Bind(configuration).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PocketSphinxOptions>, PocketSphinxOptionsValidator>());
        services.TryAddSingleton(provider => new PocketSphinxModel(provider.GetRequiredService<IOptions<PocketSphinxOptions>>().Value));
        return services;
    }
}

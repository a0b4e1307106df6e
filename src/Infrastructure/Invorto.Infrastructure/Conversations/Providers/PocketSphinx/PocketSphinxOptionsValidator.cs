using Invorto.Infrastructure.Configuration;
using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Conversations.Providers.PocketSphinx;

/// <summary>Checks the values only: a host without PocketSphinx installed still starts (the model is checked when first used).</summary>
internal sealed class PocketSphinxOptionsValidator : IValidateOptions<PocketSphinxOptions>
{
    public ValidateOptionsResult Validate(string? name, PocketSphinxOptions options)
    {
        var check = new OptionsValidationBuilder();
        if (string.IsNullOrWhiteSpace(options.ModelDirectory))
        {
            check.Fail("POCKETSPHINX_MODEL_DIR", "must not be empty.");
        }

        check.RequireRange("POCKETSPHINX_END_SILENCE_MS", options.EndSilenceMs, 100, 2_000);
        check.RequireRange("POCKETSPHINX_PARTIAL_INTERVAL_MS", options.PartialIntervalMs, 50, 2_000);
        check.RequireRange("POCKETSPHINX_MAX_UTTERANCE_MS", options.MaxUtteranceMs, 1_000, 60_000);
        check.RequireRange("POCKETSPHINX_PREROLL_MS", options.PrerollMs, 0, 1_000);
        check.RequireRange("POCKETSPHINX_IDLE_DECODERS_PER_AGENT", options.MaxIdleDecodersPerAgent, 0, 256);
        check.RequireRange("POCKETSPHINX_CACHED_AGENTS", options.MaxCachedAgents, 1, 10_000);
        return check.ToResult();
    }
}

using Invorto.Infrastructure.Configuration;
using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Conversations.Scripted;

internal sealed class ScriptedProviderOptionsValidator : IValidateOptions<ScriptedProviderOptions>
{
    public ValidateOptionsResult Validate(string? name, ScriptedProviderOptions options)
    {
        var check = new OptionsValidationBuilder();
        check.RequireRange("SCRIPTED_ASR_LATENCY_MS", options.RecognizerLatencyMs, 0, 10_000);
        check.RequireRange("SCRIPTED_LLM_LATENCY_MS", options.LanguageModelLatencyMs, 0, 10_000);
        check.RequireRange("SCRIPTED_TTS_LATENCY_MS", options.SynthesizerLatencyMs, 0, 10_000);
        check.RequireRange("SCRIPTED_ASR_FIRST_WORD_MS", options.FirstWordMs, 0, 5_000);
        check.RequireRange("SCRIPTED_ASR_WORD_MS", options.WordMs, 20, 5_000);
        check.RequireRange("SCRIPTED_ASR_FINAL_SILENCE_MS", options.FinalSilenceMs, 20, 5_000);
        check.RequireRange("SCRIPTED_TTS_MS_PER_CHAR", options.MillisecondsPerCharacter, 10, 500);
        if (options.Confidence is < 0 or > 1)
        {
            check.Fail("SCRIPTED_ASR_CONFIDENCE", $"must be between 0 and 1 (was {options.Confidence}).");
        }

        if (options.Utterances().Count == 0)
        {
            check.Fail("SCRIPTED_ASR_SCRIPT", "must hold at least one utterance.");
        }

        if (string.IsNullOrWhiteSpace(options.Answer))
        {
            check.Fail("SCRIPTED_LLM_ANSWER", "must not be empty.");
        }

        return check.ToResult();
    }
}

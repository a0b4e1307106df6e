using FluentValidation;

namespace Invorto.Application.Agents.Configuration;

/// <summary>The ranges and choices of spec §3. Property paths are mapped to JSON paths by <see cref="AgentConfigParser"/>.</summary>
public sealed class AgentConfigValidator : AbstractValidator<AgentConfig>
{
    public const string ToolNamePattern = "^[a-z][a-z0-9_]{0,63}$";

    private static readonly string[] VoiceProviders = ["deepgram", "elevenlabs", "openai", "espeak"];
    private static readonly string[] AsrProviders = ["deepgram", "openai", "pocketsphinx"];
    private static readonly string[] LlmProviders = ["openai", "rules"];
    private static readonly string[] EndpointingProviders = ["invorto", "off"];
    private static readonly string[] ToolMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    public AgentConfigValidator()
    {
        RuleFor(c => c.Prompt)
            .Must(prompt => !string.IsNullOrWhiteSpace(prompt)).WithMessage("is required")
            .MaximumLength(AgentConfig.MaxPromptLength).WithMessage($"must be at most {AgentConfig.MaxPromptLength} characters");
        RuleFor(c => c.FirstMessage).MaximumLength(2_000).WithMessage("must be at most 2000 characters");
        RuleFor(c => c.ConsentPrompt).MaximumLength(2_000).WithMessage("must be at most 2000 characters");
        RuleFor(c => c.Locale).Must(NotBlank).WithMessage("must not be empty").MaximumLength(35).WithMessage("must be at most 35 characters");

        RuleFor(c => c.Voice.Provider).Must(OneOf(VoiceProviders)).WithMessage(OneOfMessage(VoiceProviders));
        RuleFor(c => c.Voice.VoiceId).Must(NotBlank).WithMessage("must not be empty");
        RuleFor(c => c.Voice.Rate).InclusiveBetween(0.5, 2.0).WithMessage("must be between 0.5 and 2.0");
        RuleFor(c => c.Voice.BaseUrl).Must(url => IsAbsoluteUrl(url, httpAllowed: true)).When(c => c.Voice.BaseUrl is not null)
            .WithMessage("must be an absolute http or https URL");

        RuleFor(c => c.Asr.Provider).Must(OneOf(AsrProviders)).WithMessage(OneOfMessage(AsrProviders));
        RuleFor(c => c.Asr.Model).Must(NotBlank).WithMessage("must not be empty");
        RuleFor(c => c.Asr.Language).Must(NotBlank).WithMessage("must not be empty");
        RuleFor(c => c.Asr.BaseUrl).Must(url => IsAbsoluteUrl(url, httpAllowed: true)).When(c => c.Asr.BaseUrl is not null)
            .WithMessage("must be an absolute http or https URL");

        RuleFor(c => c.Llm.Provider).Must(OneOf(LlmProviders)).WithMessage(OneOfMessage(LlmProviders));
        RuleFor(c => c.Llm.Model).Must(NotBlank).WithMessage("must not be empty");
        RuleFor(c => c.Llm.Temperature).InclusiveBetween(0, 2).WithMessage("must be between 0 and 2");
        RuleFor(c => c.Llm.MaxTokens).InclusiveBetween(1, 4096).WithMessage("must be between 1 and 4096");
        RuleFor(c => c.Llm.BaseUrl).Must(url => IsAbsoluteUrl(url, httpAllowed: true)).When(c => c.Llm.BaseUrl is not null)
            .WithMessage("must be an absolute http or https URL");

        RuleFor(c => c.Voice.Fallback!.Provider).Must(OneOf(VoiceProviders)).When(c => c.Voice.Fallback is not null).WithMessage(OneOfMessage(VoiceProviders));
        RuleFor(c => c.Voice.Fallback!.VoiceId).Must(NotBlank).When(c => c.Voice.Fallback?.VoiceId is not null).WithMessage("must not be empty");
        RuleFor(c => c.Voice.Fallback!.BaseUrl).Must(url => IsAbsoluteUrl(url, httpAllowed: true)).When(c => c.Voice.Fallback?.BaseUrl is not null)
            .WithMessage("must be an absolute http or https URL");
        RuleFor(c => c.Asr.Fallback!.Provider).Must(OneOf(AsrProviders)).When(c => c.Asr.Fallback is not null).WithMessage(OneOfMessage(AsrProviders));
        RuleFor(c => c.Asr.Fallback!.Model).Must(NotBlank).When(c => c.Asr.Fallback?.Model is not null).WithMessage("must not be empty");
        RuleFor(c => c.Asr.Fallback!.BaseUrl).Must(url => IsAbsoluteUrl(url, httpAllowed: true)).When(c => c.Asr.Fallback?.BaseUrl is not null)
            .WithMessage("must be an absolute http or https URL");
        RuleFor(c => c.Llm.Fallback!.Provider).Must(OneOf(LlmProviders)).When(c => c.Llm.Fallback is not null).WithMessage(OneOfMessage(LlmProviders));
        RuleFor(c => c.Llm.Fallback!.Model).Must(NotBlank).When(c => c.Llm.Fallback?.Model is not null).WithMessage("must not be empty");
        RuleFor(c => c.Llm.Fallback!.BaseUrl).Must(url => IsAbsoluteUrl(url, httpAllowed: true)).When(c => c.Llm.Fallback?.BaseUrl is not null)
            .WithMessage("must be an absolute http or https URL");

        RuleFor(c => c.Endpointing.Provider).Must(OneOf(EndpointingProviders)).WithMessage(OneOfMessage(EndpointingProviders));
        RuleFor(c => c.Endpointing.SilenceMs).InclusiveBetween(100, 2000).WithMessage("must be between 100 and 2000");
        RuleFor(c => c.Endpointing.MinWords).InclusiveBetween(1, 10).WithMessage("must be between 1 and 10");
        RuleFor(c => c.Endpointing.ConfidenceThreshold).InclusiveBetween(0, 1).WithMessage("must be between 0 and 1");
        RuleFor(c => c.Endpointing.WaitFunction)
            .Custom((expression, context) =>
            {
                if (expression is not null && !WaitFunction.TryParse(expression, out _, out var problem))
                {
                    context.AddFailure($"must be an arithmetic expression in x: it {problem}");
                }
            });

        RuleFor(c => c.BargeIn.MinWords).InclusiveBetween(1, 10).WithMessage("must be between 1 and 10");
        RuleFor(c => c.BargeIn.MinSpeechMs).InclusiveBetween(0, 5000).WithMessage("must be between 0 and 5000");

        RuleFor(c => c.EndCall.MaxDurationSec).InclusiveBetween(30, 14_400).WithMessage("must be between 30 and 14400");
        RuleFor(c => c.EndCall.SilenceHangupSec).InclusiveBetween(10, 600).WithMessage("must be between 10 and 600");
        RuleForEach(c => c.EndCall.Phrases).Must(NotBlank).WithMessage("must not be empty");

        RuleFor(c => c.Tools).Must(tools => tools.Count <= 64).WithMessage("must have at most 64 tools");
        RuleForEach(c => c.Tools).SetValidator(new ToolDefinitionValidator());
        RuleFor(c => c.Tools).Custom((tools, context) =>
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < tools.Count; i++)
            {
                if (!seen.Add(tools[i].Name))
                {
                    context.AddFailure($"Tools[{i}].Name", "must be unique among the tools");
                }
            }
        });

        RuleForEach(c => c.Rules.Intents).ChildRules(intent =>
        {
            intent.RuleFor(i => i.Name).Must(NotBlank).WithMessage("is required");
            intent.RuleFor(i => i.Examples).Must(examples => examples.Count > 0).WithMessage("must have at least one example");
        });
        RuleFor(c => c).Custom((config, context) =>
        {
            var tools = config.Tools.Select(tool => tool.Name).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < config.Rules.Intents.Count; i++)
            {
                if (config.Rules.Intents[i].Tool is { } tool && !tools.Contains(tool))
                {
                    context.AddFailure($"Rules.Intents[{i}].Tool", "must name one of the agent's tools");
                }
            }
        });

        RuleFor(c => c.CapturePolicy.Recording.RetentionDays).InclusiveBetween(1, 3650).WithMessage("must be between 1 and 3650");
    }

    internal static bool IsAbsoluteUrl(string? url, bool httpAllowed) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (httpAllowed && uri.Scheme == Uri.UriSchemeHttp))
        && !string.IsNullOrEmpty(uri.Host);

    private static bool NotBlank(string? value) => !string.IsNullOrWhiteSpace(value);

    private static Func<string, bool> OneOf(string[] choices) => value => choices.Contains(value, StringComparer.Ordinal);

    private static string OneOfMessage(string[] choices) => $"must be one of {string.Join(", ", choices)}";

    private sealed class ToolDefinitionValidator : AbstractValidator<ToolDefinition>
    {
        public ToolDefinitionValidator()
        {
            RuleFor(t => t.Name).Matches(ToolNamePattern).WithMessage($"must match {ToolNamePattern}");
            RuleFor(t => t.Description).MaximumLength(2_000).WithMessage("must be at most 2000 characters");
            RuleFor(t => t.Method).Must(OneOf(ToolMethods)).WithMessage(OneOfMessage(ToolMethods));
            // https or http is the deployment's rule (ToolTargetChecks), checked with the tenant's context on every save.
            RuleFor(t => t.Url).Must(url => IsAbsoluteUrl(url, httpAllowed: true)).When(t => !t.ClientSide).WithMessage("must be an absolute https URL");
            RuleFor(t => t.Url).Empty().When(t => t.ClientSide).WithMessage("must be absent for a client-side tool (the web client runs it)");
            RuleFor(t => t.TimeoutMs).InclusiveBetween(100, 10_000).WithMessage("must be between 100 and 10000");
        }
    }
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Conversations.Selection;

/// <summary>The scripted providers answer every caller with the same lines: a Production host refuses to start on them.</summary>
public sealed class ConversationProviderSelectionValidator(IHostEnvironment environment) : IValidateOptions<ConversationProviderSelection>
{
    public ValidateOptionsResult Validate(string? name, ConversationProviderSelection options) =>
        options.Mode == ConversationProviderMode.Scripted && environment.IsProduction()
            ? ValidateOptionsResult.Fail("CONVERSATION_PROVIDERS=scripted is for benchmarks and tests; in Production every call runs on the providers its agent names.")
            : ValidateOptionsResult.Success;
}

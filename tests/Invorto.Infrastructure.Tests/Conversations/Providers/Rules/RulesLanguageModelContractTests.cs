using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations.Providers;
using Invorto.Infrastructure.Conversations.Providers.Rules;

namespace Invorto.Infrastructure.Tests.Conversations.Providers.Rules;

public sealed class RulesLanguageModelContractTests : LanguageModelContract
{
    protected override Task<ILanguageModel> CreateAsync() => Task.FromResult<ILanguageModel>(new RulesLanguageModel(new RulesSettings
    {
        Intents = [new Intent { Name = "hours", Examples = ["when are you open"], Reply = "We are open from nine to six." }],
    }));
}

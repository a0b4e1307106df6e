using Invorto.Infrastructure.Conversations.Providers.Deepgram;
using Invorto.Infrastructure.Conversations.Providers.Synthesis;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Invorto.Infrastructure.Tests.Conversations.Providers.Synthesis;

public sealed class SpeechSynthesisHttpClientRegistrationTests
{
    [Fact]
    public void A_speech_client_has_no_overall_timeout_that_would_cut_a_long_reply()
    {
        using var services = new ServiceCollection().AddSpeechSynthesisHttpClient(AuraSpeechSynthesizer.HttpClientName).Services.BuildServiceProvider();

        using var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(AuraSpeechSynthesizer.HttpClientName);

        client.Timeout.ShouldBe(Timeout.InfiniteTimeSpan);
    }
}

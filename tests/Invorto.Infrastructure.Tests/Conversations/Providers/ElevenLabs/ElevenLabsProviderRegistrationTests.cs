using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations.Providers;
using Invorto.Infrastructure.Conversations.Providers.ElevenLabs;
using Invorto.Testing.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;
using Xunit;

namespace Invorto.Infrastructure.Tests.Conversations.Providers.ElevenLabs;

public sealed class ElevenLabsProviderRegistrationTests
{
    [Fact]
    public async Task The_registered_synthesizer_speaks_with_the_configured_key_base_url_and_model()
    {
        await using var server = await FakeSpeechServer.StartAsync();
        await using var services = Services(new()
        {
            ["ELEVENLABS_API_KEY"] = FakeSpeechServer.ApiKey,
            ["ELEVENLABS_BASE_URL"] = server.BaseUrl.ToString(),
            ["ELEVENLABS_MODEL_ID"] = "eleven_turbo_v2_5",
        });
        var synthesizer = services.GetRequiredService<ElevenLabsSpeechSynthesizer>();
        var request = new SpeechRequest(Guid.NewGuid(), "Hello.", new VoiceSettings { Provider = "elevenlabs", VoiceId = "voice-1" }, 16000);

        var chunks = 0;
        await foreach (var chunk in synthesizer.SynthesizeAsync(request, CancellationToken.None))
        {
            chunks += chunk.Length > 0 ? 1 : 0;
        }

        chunks.ShouldBeGreaterThan(0);
        var exchange = server.Exchanges.Single();
        exchange.Header("xi-api-key").ShouldBe(FakeSpeechServer.ApiKey);
        exchange.Body!["model_id"]!.GetValue<string>().ShouldBe("eleven_turbo_v2_5");
    }

    [Fact]
    public async Task Without_a_key_the_options_say_so_and_the_synthesizer_cannot_be_resolved()
    {
        await using var services = Services([]);

        var options = services.GetRequiredService<IOptions<ElevenLabsOptions>>().Value;

        options.IsConfigured.ShouldBeFalse();
        options.BaseUrl.ShouldBe("https://api.elevenlabs.io");
        Should.Throw<InvalidOperationException>(() => services.GetRequiredService<ElevenLabsSpeechSynthesizer>())
            .Message.ShouldContain("ELEVENLABS_API_KEY");
    }

    [Theory]
    [InlineData("ELEVENLABS_BASE_URL", "not a url")]
    [InlineData("ELEVENLABS_BASE_URL", "ftp://api.elevenlabs.io")]
    [InlineData("ELEVENLABS_MODEL_ID", " ")]
    [InlineData("ELEVENLABS_FIRST_BYTE_TIMEOUT_MS", "0")]
    [InlineData("ELEVENLABS_API_KEY", "key-with-a-newline\n")]
    public async Task A_bad_setting_fails_validation_naming_its_variable(string variable, string value)
    {
        await using var services = Services(new() { [variable] = value });

        var error = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<ElevenLabsOptions>>().Value);

        error.Message.ShouldContain(variable);
        if (variable == "ELEVENLABS_API_KEY")
        {
            error.Message.ShouldNotContain("key-with-a-newline");
        }
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddElevenLabsProviders(configuration).BuildServiceProvider();
    }
}

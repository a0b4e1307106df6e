using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations.Providers;
using Invorto.Infrastructure.Conversations.Providers.Deepgram;
using Invorto.Testing.Providers;
using Shouldly;
using Xunit;

namespace Invorto.Infrastructure.Tests.Conversations.Providers.Deepgram;

public sealed class AuraSpeechSynthesizerTests : SpeechSynthesizerContract
{
    protected override string ProviderName => "deepgram";

    protected override int NativeRate => 16000;

    protected override VoiceSettings Voice { get; } = new() { Provider = "deepgram", VoiceId = "aura-2-thalia-en" };

    [Fact]
    public async Task The_request_names_the_voice_raw_linear16_at_the_call_rate_and_sends_the_key()
    {
        await SynthesizeAllAsync(Request(text: "Your order ships today.", sampleRate: 8000));

        var exchange = Server.Exchanges.Single();
        exchange.Vendor.ShouldBe(FakeSpeechVendor.Deepgram);
        exchange.Query["model"].ShouldBe("aura-2-thalia-en");
        exchange.Query["encoding"].ShouldBe("linear16");
        exchange.Query["sample_rate"].ShouldBe("8000");
        exchange.Query["container"].ShouldBe("none");
        exchange.Header("authorization").ShouldBe($"Token {FakeSpeechServer.ApiKey}");
        exchange.Header("content-type").ShouldBe("application/json");
        exchange.Body!.ToJsonString().ShouldBe("""{"text":"Your order ships today."}""");
    }

    [Theory]
    [InlineData(8000)]
    [InlineData(16000)]
    [InlineData(24000)]
    [InlineData(48000)]
    public async Task A_rate_aura_offers_is_asked_for_as_is(int sampleRate)
    {
        var audio = TestTone.Pcm16(sampleRate, 440, TimeSpan.FromMilliseconds(300));
        Server.Enqueue(FakeSpeechReply.Streaming(audio));

        var result = await SynthesizeAllAsync(Request(sampleRate: sampleRate));

        Server.Exchanges.Single().Query["sample_rate"].ShouldBe(sampleRate.ToString());
        result.ShouldBe(audio);
    }

    [Fact]
    public async Task A_rate_aura_lacks_is_asked_at_the_nearest_and_resampled()
    {
        Server.Enqueue(FakeSpeechReply.Streaming(TestTone.Pcm16(48000, 440, TimeSpan.FromSeconds(1)), chunkBytes: 1001));

        var result = await SynthesizeAllAsync(Request(sampleRate: 44100));

        Server.Exchanges.Single().Query["sample_rate"].ShouldBe("48000");
        result.Length.ShouldBeInRange((44100 - 882) * 2, (44100 + 882) * 2);
        TestTone.ZeroCrossings(result).ShouldBeInRange(876, 884);
    }

    [Fact]
    public void The_endpoint_never_prints_its_key()
    {
        var endpoint = new AuraEndpoint(new Uri("https://api.deepgram.com"), FakeSpeechServer.ApiKey);

        endpoint.ToString().ShouldNotContain(FakeSpeechServer.ApiKey);
        endpoint.ToString().ShouldContain("api.deepgram.com");
    }

    protected override ISpeechSynthesizer CreateSynthesizer(Uri? baseUrl = null, string? apiKey = FakeSpeechServer.ApiKey) =>
        new AuraSpeechSynthesizer(Http, new AuraEndpoint(baseUrl ?? Server.BaseUrl, apiKey!) { Timeouts = Timeouts }, time: Clock);
}

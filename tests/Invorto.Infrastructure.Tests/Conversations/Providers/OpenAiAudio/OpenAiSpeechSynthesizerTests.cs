using Invorto.Application.Agents.Configuration;
using Invorto.Application.Audio;
using Invorto.Application.Conversations.Providers;
using Invorto.Infrastructure.Conversations.Providers.OpenAiAudio;
using Invorto.Testing.Providers;
using Shouldly;
using Xunit;

namespace Invorto.Infrastructure.Tests.Conversations.Providers.OpenAiAudio;

public sealed class OpenAiSpeechSynthesizerTests : SpeechSynthesizerContract
{
    protected override string ProviderName => "openai";

    protected override int NativeRate => 24000;

    protected override VoiceSettings Voice { get; } = new() { Provider = "openai", VoiceId = "alloy", Rate = 1.25 };

    [Fact]
    public async Task The_request_is_openai_speech_json_for_raw_pcm_with_the_bearer_key()
    {
        await SynthesizeAllAsync(Request(text: "Your order ships today."));

        var exchange = Server.Exchanges.Single();
        exchange.Vendor.ShouldBe(FakeSpeechVendor.OpenAi);
        exchange.Path.ShouldBe("/v1/audio/speech");
        exchange.Header("authorization").ShouldBe($"Bearer {FakeSpeechServer.ApiKey}");
        exchange.Body!.ToJsonString().ShouldBe("""{"model":"tts-1","voice":"alloy","input":"Your order ships today.","response_format":"pcm","speed":1.25}""");
    }

    [Fact]
    public async Task A_self_hosted_server_without_a_key_gets_the_configured_model_and_no_authorization()
    {
        Server.OpenAiKey = null;
        var synthesizer = new OpenAiSpeechSynthesizer(Http, new OpenAiSpeechEndpoint(Server.OpenAiBaseUrl, null) { Model = "kokoro" }, time: Clock);

        var audio = await SynthesizeAllAsync(Request(voice: Voice with { VoiceId = "af_heart" }), synthesizer);

        audio.ShouldNotBeEmpty();
        var exchange = Server.Exchanges.Single();
        exchange.Header("authorization").ShouldBeNull();
        exchange.Body!["model"]!.GetValue<string>().ShouldBe("kokoro");
        exchange.Body!["voice"]!.GetValue<string>().ShouldBe("af_heart");
    }

    [Fact]
    public async Task An_agents_own_base_url_is_used_without_the_platform_key()
    {
        await using var agentServer = await FakeSpeechServer.StartAsync();
        agentServer.OpenAiKey = null;
        var voice = Voice with { BaseUrl = agentServer.OpenAiBaseUrl.ToString() };

        var audio = await SynthesizeAllAsync(Request(voice: voice));

        audio.ShouldNotBeEmpty();
        Server.Exchanges.ShouldBeEmpty();
        agentServer.Exchanges.Single().Header("authorization").ShouldBeNull();
    }

    [Fact]
    public async Task An_agent_base_url_equal_to_the_endpoints_gets_the_key()
    {
        var voice = Voice with { BaseUrl = Server.OpenAiBaseUrl + "/" };

        await SynthesizeAllAsync(Request(voice: voice));

        Server.Exchanges.Single().Header("authorization").ShouldBe($"Bearer {FakeSpeechServer.ApiKey}");
    }

    [Theory]
    [InlineData(16000)]
    [InlineData(8000)]
    public async Task Pcm_at_24k_is_resampled_to_the_call_rate_as_it_streams(int sampleRate)
    {
        var tone = TestTone.Pcm16(24000, 440, TimeSpan.FromSeconds(1));
        Server.Enqueue(FakeSpeechReply.Streaming(tone, chunkBytes: 333));
        var frameBytes = Pcm16.BytesPerFrame(sampleRate, 20);

        var result = await SynthesizeAllAsync(Request(sampleRate: sampleRate));

        result.Length.ShouldBeInRange((sampleRate * 2) - frameBytes, (sampleRate * 2) + frameBytes);
        TestTone.ZeroCrossings(result).ShouldBeInRange(876, 884);
        Pcm16.RmsDbfs(result).ShouldBe(Pcm16.RmsDbfs(tone), tolerance: 0.5);
    }

    [Fact]
    public async Task A_malformed_agent_base_url_is_a_protocol_error()
    {
        var error = await Should.ThrowAsync<ProviderException>(SynthesizeAllAsync(Request(voice: Voice with { BaseUrl = "kokoro:8880" })));

        error.Kind.ShouldBe(ProviderFailureKind.Protocol);
        Server.Exchanges.ShouldBeEmpty();
    }

    [Fact]
    public void The_endpoint_never_prints_its_key()
    {
        var endpoint = new OpenAiSpeechEndpoint(new Uri("https://api.openai.com/v1"), FakeSpeechServer.ApiKey);

        endpoint.ToString().ShouldNotContain(FakeSpeechServer.ApiKey);
    }

    protected override ISpeechSynthesizer CreateSynthesizer(Uri? baseUrl = null, string? apiKey = FakeSpeechServer.ApiKey) =>
        new OpenAiSpeechSynthesizer(Http, new OpenAiSpeechEndpoint(baseUrl is null ? Server.OpenAiBaseUrl : new Uri(baseUrl, "/v1"), apiKey) { Timeouts = Timeouts }, time: Clock);
}

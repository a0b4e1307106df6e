using Invorto.Application.Agents.Configuration;
using Invorto.Application.Audio;
using Invorto.Application.Conversations.Providers;
using Invorto.Infrastructure.Conversations.Providers.ElevenLabs;
using Invorto.Testing.Providers;
using Shouldly;
using Xunit;

namespace Invorto.Infrastructure.Tests.Conversations.Providers.ElevenLabs;

public sealed class ElevenLabsSpeechSynthesizerTests : SpeechSynthesizerContract
{
    protected override string ProviderName => "elevenlabs";

    protected override int NativeRate => 16000;

    protected override VoiceSettings Voice { get; } = new() { Provider = "elevenlabs", VoiceId = "21m00Tcm4TlvDq8ikWAM" };

    [Fact]
    public async Task The_request_names_the_voice_model_and_format_and_sends_the_key()
    {
        await SynthesizeAllAsync(Request(text: "Your order ships today."));

        var exchange = Server.Exchanges.Single();
        exchange.Vendor.ShouldBe(FakeSpeechVendor.ElevenLabs);
        exchange.VoiceId.ShouldBe("21m00Tcm4TlvDq8ikWAM");
        exchange.Query["output_format"].ShouldBe("pcm_16000");
        exchange.Header("xi-api-key").ShouldBe(FakeSpeechServer.ApiKey);
        exchange.Header("authorization").ShouldBeNull();
        exchange.Body!.ToJsonString().ShouldBe("""{"text":"Your order ships today.","model_id":"eleven_flash_v2_5"}""");
    }

    [Theory]
    [InlineData(1.1, 1.1)]
    [InlineData(0.9, 0.9)]
    [InlineData(2.0, 1.2)]
    [InlineData(0.5, 0.7)]
    public async Task The_speaking_rate_becomes_a_speed_elevenlabs_accepts(double rate, double speed)
    {
        await SynthesizeAllAsync(Request(voice: Voice with { Rate = rate }));

        Server.Exchanges.Single().Body!["voice_settings"]!["speed"]!.GetValue<double>().ShouldBe(speed);
    }

    [Fact]
    public async Task A_phone_call_gets_ulaw_8000_decoded_to_pcm16()
    {
        var ulaw = TestTone.MuLaw8k(440, TimeSpan.FromSeconds(1));
        Server.Enqueue(FakeSpeechReply.Streaming(ulaw, chunkBytes: 333));
        var expected = new byte[ulaw.Length * 2];
        MuLaw.Decode(ulaw, expected);

        var result = await SynthesizeAllAsync(Request(sampleRate: 8000));

        Server.Exchanges.Single().Query["output_format"].ShouldBe("ulaw_8000");
        result.ShouldBe(expected);
    }

    [Theory]
    [InlineData(22050, "pcm_22050")]
    [InlineData(24000, "pcm_24000")]
    [InlineData(44100, "pcm_44100")]
    public async Task A_rate_elevenlabs_offers_is_asked_for_as_is(int sampleRate, string format)
    {
        var audio = TestTone.Pcm16(sampleRate, 440, TimeSpan.FromMilliseconds(300));
        Server.Enqueue(FakeSpeechReply.Streaming(audio));

        var result = await SynthesizeAllAsync(Request(sampleRate: sampleRate));

        Server.Exchanges.Single().Query["output_format"].ShouldBe(format);
        result.ShouldBe(audio);
    }

    [Fact]
    public async Task A_48k_web_call_gets_pcm_24000_resampled()
    {
        Server.Enqueue(FakeSpeechReply.Streaming(TestTone.Pcm16(24000, 440, TimeSpan.FromSeconds(1)), chunkBytes: 333));

        var result = await SynthesizeAllAsync(Request(sampleRate: 48000));

        Server.Exchanges.Single().Query["output_format"].ShouldBe("pcm_24000");
        result.Length.ShouldBeInRange((48000 - 960) * 2, (48000 + 960) * 2);
        TestTone.ZeroCrossings(result).ShouldBeInRange(876, 884);
    }

    [Fact]
    public void The_endpoint_never_prints_its_key()
    {
        var endpoint = new ElevenLabsEndpoint(new Uri(ElevenLabsOptions.DefaultBaseUrl), FakeSpeechServer.ApiKey);

        endpoint.ToString().ShouldNotContain(FakeSpeechServer.ApiKey);
    }

    protected override ISpeechSynthesizer CreateSynthesizer(Uri? baseUrl = null, string? apiKey = FakeSpeechServer.ApiKey) =>
        new ElevenLabsSpeechSynthesizer(Http, new ElevenLabsEndpoint(baseUrl ?? Server.BaseUrl, apiKey!) { Timeouts = Timeouts }, time: Clock);
}

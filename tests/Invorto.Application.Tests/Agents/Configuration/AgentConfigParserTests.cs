using System.Text.Json;
using Invorto.Application.Agents.Configuration;

namespace Invorto.Application.Tests.Agents.Configuration;

public sealed class AgentConfigParserTests
{
    private static AgentConfigParseResult Parse(string json) => AgentConfigParser.Parse(JsonDocument.Parse(json).RootElement.Clone());

    private static string[] ErrorsAt(string json, string path)
    {
        var result = Parse(json);
        result.IsValid.ShouldBeFalse();
        result.Errors.ShouldContainKey(path);
        return result.Errors[path];
    }

    [Fact]
    public void A_prompt_alone_is_a_complete_configuration_with_the_defaults_of_the_spec()
    {
        var result = Parse("""{"prompt":"You help."}""");

        result.IsValid.ShouldBeTrue();
        var config = result.Config!;
        config.Locale.ShouldBe("en-IN");
        config.Voice.ShouldBe(new VoiceSettings { Provider = "deepgram", VoiceId = "aura-2-thalia-en", Rate = 1.0 });
        config.Asr.Model.ShouldBe("nova-3");
        config.Llm.Temperature.ShouldBe(0.6);
        config.Llm.MaxTokens.ShouldBe(256);
        config.Endpointing.SilenceMs.ShouldBe(220);
        config.Endpointing.WaitFunction.ShouldBe("200 + 8000 * x");
        config.Interruptible.ShouldBeTrue();
        config.EndCall.MaxDurationSec.ShouldBe(900);
        config.Tools.ShouldBeEmpty();
        config.CapturePolicy.Recording.Enabled.ShouldBeFalse();
    }

    [Fact]
    public void Normalized_json_is_camel_case_with_every_default_written()
    {
        var json = JsonDocument.Parse(Parse("""{"prompt":"You help.","endpointing":{"silenceMs":200}}""").NormalizedJson!).RootElement;

        json.GetProperty("endpointing").GetProperty("silenceMs").GetInt32().ShouldBe(200);
        json.GetProperty("endpointing").GetProperty("minWords").GetInt32().ShouldBe(2);
        json.GetProperty("llm").GetProperty("baseUrl").ValueKind.ShouldBe(JsonValueKind.Null);
        json.GetProperty("voice").GetProperty("voiceId").GetString().ShouldBe("aura-2-thalia-en");
    }

    [Fact]
    public void Normalized_json_parses_back_to_the_same_configuration()
    {
        var first = Parse("""{"prompt":"p","tools":[{"name":"lookup","url":"https://api.example.com/o/{id}","headers":{"A":"b"},"inputSchema":{"type":"object"}}]}""");

        var second = AgentConfigParser.Parse(JsonDocument.Parse(first.NormalizedJson!).RootElement);

        second.IsValid.ShouldBeTrue();
        second.NormalizedJson.ShouldBe(first.NormalizedJson);
    }

    [Theory]
    [InlineData("""{"prompt":"p","promptt":"x"}""", "config.promptt")]
    [InlineData("""{"prompt":"p","endpointing":{"silenceMS":200}}""", "config.endpointing.silenceMS")]
    [InlineData("""{"prompt":"p","tools":[{"name":"a","url":"https://x.io","timeout":5}]}""", "config.tools[0].timeout")]
    [InlineData("""{"prompt":"p","capturePolicy":{"recording":{"enable":true}}}""", "config.capturePolicy.recording.enable")]
    [InlineData("""{"prompt":"p","Prompt":"p"}""", "config.Prompt")]
    public void Unknown_field_is_refused_by_its_path(string json, string path)
    {
        ErrorsAt(json, path).ShouldBe(["is not a known field"]);
    }

    [Theory]
    [InlineData("""{"prompt":5}""", "config.prompt", "must be a string")]
    [InlineData("""{"prompt":"p","endpointing":{"silenceMs":"200"}}""", "config.endpointing.silenceMs", "must be an integer")]
    [InlineData("""{"prompt":"p","endpointing":{"silenceMs":200.5}}""", "config.endpointing.silenceMs", "must be an integer")]
    [InlineData("""{"prompt":"p","llm":{"temperature":"hot"}}""", "config.llm.temperature", "must be a number")]
    [InlineData("""{"prompt":"p","interruptible":"yes"}""", "config.interruptible", "must be true or false")]
    [InlineData("""{"prompt":"p","voice":"deepgram"}""", "config.voice", "must be an object")]
    [InlineData("""{"prompt":"p","tools":{}}""", "config.tools", "must be an array")]
    [InlineData("""{"prompt":"p","endCall":{"phrases":["bye",3]}}""", "config.endCall.phrases[1]", "must be a string")]
    [InlineData("""{"prompt":"p","tools":[{"name":"a","url":"https://x.io","headers":{"X":1}}]}""", "config.tools[0].headers.X", "must be a string")]
    [InlineData("""{"prompt":"p","tools":[{"name":"a","url":"https://x.io","inputSchema":[]}]}""", "config.tools[0].inputSchema", "must be a JSON object")]
    [InlineData("""{"prompt":"p","voice":null}""", "config.voice", "must not be null")]
    public void Wrong_json_type_is_refused_by_its_path(string json, string path, string message)
    {
        ErrorsAt(json, path).ShouldBe([message]);
    }

    [Fact]
    public void Null_is_accepted_where_a_field_is_optional()
    {
        Parse("""{"prompt":"p","firstMessage":null,"llm":{"baseUrl":null},"endpointing":{"waitFunction":null}}""").IsValid.ShouldBeTrue();
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"prompt\"")]
    public void Config_that_is_not_an_object_is_refused(string json)
    {
        ErrorsAt(json, "config").ShouldBe(["is required and must be a JSON object"]);
    }

    [Fact]
    public void Missing_config_is_refused()
    {
        AgentConfigParser.Parse(null).Errors.Keys.ShouldBe(["config"]);
    }

    [Fact]
    public void Every_unknown_field_is_reported_at_once_before_any_range_is_checked()
    {
        var result = Parse("""{"prompt":"p","voice":{"rate":3},"llm":{"maxTokens":0},"x":1,"endpointing":{"silenceMS":1}}""");

        result.Errors.Keys.ShouldBe(["config.x", "config.endpointing.silenceMS"], ignoreOrder: true);
    }
}

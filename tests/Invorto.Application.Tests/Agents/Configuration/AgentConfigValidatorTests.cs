using System.Text.Json;
using Invorto.Application.Agents.Configuration;

namespace Invorto.Application.Tests.Agents.Configuration;

public sealed class AgentConfigValidatorTests
{
    private const string ValidTool = """{"name":"get_order","method":"GET","url":"https://api.example.com/orders/{orderId}","timeoutMs":2000}""";

    private static AgentConfigParseResult Parse(string json) => AgentConfigParser.Parse(JsonDocument.Parse(json).RootElement.Clone());

    private static AgentConfigParseResult WithBlock(string block) => Parse($$"""{"prompt":"p",{{block}}}""");

    [Theory]
    [InlineData("\"endpointing\":{\"silenceMs\":99}", "config.endpointing.silenceMs", "must be between 100 and 2000")]
    [InlineData("\"endpointing\":{\"silenceMs\":2001}", "config.endpointing.silenceMs", "must be between 100 and 2000")]
    [InlineData("\"endpointing\":{\"minWords\":0}", "config.endpointing.minWords", "must be between 1 and 10")]
    [InlineData("\"endpointing\":{\"minWords\":11}", "config.endpointing.minWords", "must be between 1 and 10")]
    [InlineData("\"endpointing\":{\"confidenceThreshold\":1.01}", "config.endpointing.confidenceThreshold", "must be between 0 and 1")]
    [InlineData("\"endpointing\":{\"confidenceThreshold\":-0.1}", "config.endpointing.confidenceThreshold", "must be between 0 and 1")]
    [InlineData("\"endpointing\":{\"provider\":\"vad\"}", "config.endpointing.provider", "must be one of invorto, off")]
    [InlineData("\"llm\":{\"temperature\":2.1}", "config.llm.temperature", "must be between 0 and 2")]
    [InlineData("\"llm\":{\"maxTokens\":0}", "config.llm.maxTokens", "must be between 1 and 4096")]
    [InlineData("\"llm\":{\"maxTokens\":4097}", "config.llm.maxTokens", "must be between 1 and 4096")]
    [InlineData("\"llm\":{\"provider\":\"anthropic\"}", "config.llm.provider", "must be one of openai, rules")]
    [InlineData("\"llm\":{\"baseUrl\":\"not a url\"}", "config.llm.baseUrl", "must be an absolute http or https URL")]
    [InlineData("\"voice\":{\"baseUrl\":\"ftp://tts.local\"}", "config.voice.baseUrl", "must be an absolute http or https URL")]
    [InlineData("\"asr\":{\"baseUrl\":\"whisper\"}", "config.asr.baseUrl", "must be an absolute http or https URL")]
    [InlineData("\"llm\":{\"fallback\":{\"provider\":\"anthropic\"}}", "config.llm.fallback.provider", "must be one of openai, rules")]
    [InlineData("\"voice\":{\"fallback\":{\"provider\":\"elevenlabs\",\"baseUrl\":\"nope\"}}", "config.voice.fallback.baseUrl", "must be an absolute http or https URL")]
    [InlineData("\"asr\":{\"fallback\":{\"provider\":\"openai\",\"model\":\" \"}}", "config.asr.fallback.model", "must not be empty")]
    [InlineData("\"voice\":{\"rate\":0.49}", "config.voice.rate", "must be between 0.5 and 2.0")]
    [InlineData("\"voice\":{\"rate\":2.01}", "config.voice.rate", "must be between 0.5 and 2.0")]
    [InlineData("\"voice\":{\"provider\":\"polly\"}", "config.voice.provider", "must be one of deepgram, elevenlabs, openai, espeak")]
    [InlineData("\"asr\":{\"provider\":\"whisper\"}", "config.asr.provider", "must be one of deepgram, openai, pocketsphinx")]
    [InlineData("\"endCall\":{\"silenceHangupSec\":9}", "config.endCall.silenceHangupSec", "must be between 10 and 600")]
    [InlineData("\"endCall\":{\"silenceHangupSec\":601}", "config.endCall.silenceHangupSec", "must be between 10 and 600")]
    [InlineData("\"endCall\":{\"maxDurationSec\":29}", "config.endCall.maxDurationSec", "must be between 30 and 14400")]
    [InlineData("\"endCall\":{\"maxDurationSec\":14401}", "config.endCall.maxDurationSec", "must be between 30 and 14400")]
    [InlineData("\"bargeIn\":{\"minWords\":0}", "config.bargeIn.minWords", "must be between 1 and 10")]
    [InlineData("\"capturePolicy\":{\"recording\":{\"retentionDays\":0}}", "config.capturePolicy.recording.retentionDays", "must be between 1 and 3650")]
    public void Value_out_of_range_is_refused_at_its_json_path(string block, string path, string message)
    {
        var result = WithBlock(block);

        result.Errors.Keys.ShouldBe([path]);
        result.Errors[path].ShouldBe([message]);
    }

    [Theory]
    [InlineData("\"endpointing\":{\"silenceMs\":100,\"minWords\":10,\"confidenceThreshold\":0}")]
    [InlineData("\"endpointing\":{\"silenceMs\":2000,\"minWords\":1,\"confidenceThreshold\":1}")]
    [InlineData("\"llm\":{\"temperature\":0,\"maxTokens\":4096,\"provider\":\"rules\",\"baseUrl\":\"http://localhost:11434/v1\"}")]
    [InlineData("\"voice\":{\"provider\":\"openai\",\"voiceId\":\"af_heart\",\"baseUrl\":\"http://kokoro:8880/v1\"},\"asr\":{\"provider\":\"openai\",\"model\":\"whisper-1\",\"baseUrl\":\"http://whisper:8000/v1\"}")]
    [InlineData("\"llm\":{\"fallback\":{\"provider\":\"openai\",\"model\":\"llama3.1\",\"baseUrl\":\"http://ollama:11434/v1\"}},\"voice\":{\"fallback\":{\"provider\":\"elevenlabs\"}},\"asr\":{\"fallback\":{\"provider\":\"pocketsphinx\"}}")]
    [InlineData("\"voice\":{\"rate\":0.5,\"provider\":\"espeak\"},\"asr\":{\"provider\":\"pocketsphinx\"}")]
    [InlineData("\"endCall\":{\"silenceHangupSec\":600,\"maxDurationSec\":30}")]
    public void Values_at_the_edges_of_their_ranges_are_accepted(string block)
    {
        WithBlock(block).Errors.ShouldBeEmpty();
    }

    [Fact]
    public void Missing_prompt_is_required()
    {
        Parse("""{"firstMessage":"hi"}""").Errors["config.prompt"].ShouldBe(["is required"]);
    }

    [Fact]
    public void Prompt_over_twenty_thousand_characters_is_refused()
    {
        var result = Parse($$"""{"prompt":"{{new string('x', 20_001)}}"}""");

        result.Errors["config.prompt"].ShouldBe(["must be at most 20000 characters"]);
    }

    [Fact]
    public void A_valid_tool_is_accepted()
    {
        WithBlock($"\"tools\":[{ValidTool}]").Errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("name", "\"Get-Order\"", "must match ^[a-z][a-z0-9_]{0,63}$")]
    [InlineData("name", "\"1order\"", "must match ^[a-z][a-z0-9_]{0,63}$")]
    [InlineData("url", "\"/orders\"", "must be an absolute https URL")]
    [InlineData("method", "\"FETCH\"", "must be one of GET, POST, PUT, PATCH, DELETE")]
    [InlineData("timeoutMs", "99", "must be between 100 and 10000")]
    [InlineData("timeoutMs", "10001", "must be between 100 and 10000")]
    public void Bad_tool_field_is_refused_at_its_index(string field, string value, string message)
    {
        var tool = JsonDocument.Parse(ValidTool).RootElement.EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Name == field ? value : p.Value.GetRawText());
        tool.TryAdd(field, value);
        var json = "{" + string.Join(',', tool.Select(p => $"\"{p.Key}\":{p.Value}")) + "}";

        var result = WithBlock($"\"tools\":[{ValidTool},{json}]");

        result.Errors.Keys.ShouldBe(field == "name" ? [$"config.tools[1].{field}"] : [$"config.tools[1].{field}", "config.tools[1].name"], ignoreOrder: true);
        result.Errors[$"config.tools[1].{field}"].ShouldBe([message]);
    }

    [Fact]
    public void Tool_names_must_be_unique()
    {
        var result = WithBlock($"\"tools\":[{ValidTool},{ValidTool}]");

        result.Errors.Keys.ShouldBe(["config.tools[1].name"]);
        result.Errors["config.tools[1].name"].ShouldBe(["must be unique among the tools"]);
    }

    [Fact]
    public void Intent_tool_must_name_one_of_the_tools()
    {
        var result = WithBlock($$"""
            "tools":[{{ValidTool}}],"rules":{"intents":[{"name":"status","examples":["where is my order"],"tool":"get_order"},{"name":"book","examples":["book"],"tool":"book_meeting"}]}
            """);

        result.Errors.Keys.ShouldBe(["config.rules.intents[1].tool"]);
    }

    [Theory]
    [InlineData("200 + 8000 * x")]
    [InlineData("-(x - 1) * 3000 / 2")]
    [InlineData("300")]
    public void Arithmetic_wait_function_is_accepted(string expression)
    {
        WithBlock($"\"endpointing\":{{\"waitFunction\":\"{expression}\"}}").Errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("200 + y")]
    [InlineData("Math.Max(x, 1)")]
    [InlineData("(200 + x")]
    [InlineData("200 +")]
    [InlineData("")]
    public void Anything_but_arithmetic_in_x_is_refused_as_a_wait_function(string expression)
    {
        var result = WithBlock($"\"endpointing\":{{\"waitFunction\":\"{expression}\"}}");

        result.Errors["config.endpointing.waitFunction"].Single().ShouldStartWith("must be an arithmetic expression in x");
    }
}

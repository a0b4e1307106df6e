using System.Text;
using Invorto.Bench.Realtime;

namespace Invorto.Bench.Realtime.Tests;

public sealed class ServerEventsTests
{
    [Theory]
    [InlineData("""{"t":"ready","callId":"c_1","sampleRate":16000}""", ServerEvent.Ready)]
    [InlineData("""{"t":"stt.final","text":"I want pricing","ts":2.10,"confidence":0.91}""", ServerEvent.SttFinal)]
    [InlineData("""{"t":"stt.partial","text":"I would","ts":1.42}""", ServerEvent.SttPartial)]
    [InlineData("""{"t":"llm.delta","text":"Sure, "}""", ServerEvent.LlmDelta)]
    [InlineData("""{"t":"tool.call","id":"tk-1","name":"book_meeting","args":{"t":"x"}}""", ServerEvent.ToolCall)]
    [InlineData("""{"t":"control.bargein","action":"stop-tts"}""", ServerEvent.BargeIn)]
    [InlineData("""{"t":"emotion.window","energyDb":-16.3,"speaking":true}""", ServerEvent.EmotionWindow)]
    [InlineData("""{"t":"error","code":"bad_request","message":"..."}""", ServerEvent.Error)]
    [InlineData("""{"t":"end","reason":"hangup"}""", ServerEvent.End)]
    [InlineData("""{"args":{"t":"end"},"t":"control.bargein"}""", ServerEvent.BargeIn)]
    [InlineData("""{"t":"something.new"}""", ServerEvent.Unknown)]
    [InlineData("""{"text":"no type"}""", ServerEvent.Unknown)]
    [InlineData("""not json""", ServerEvent.Unknown)]
    [InlineData("""{"t":"stt.fi""", ServerEvent.Unknown)]
    public void Classifies_by_the_top_level_t(string json, ServerEvent expected)
    {
        ServerEvents.Classify(Encoding.UTF8.GetBytes(json)).ShouldBe(expected);
    }

    [Fact]
    public void A_message_cut_after_its_t_is_still_classified()
    {
        ServerEvents.Classify("""{"t":"llm.delta","text":"a long te"""u8).ShouldBe(ServerEvent.LlmDelta);
    }
}

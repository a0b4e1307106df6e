using System.Text.Json;
using System.Text.Json.Nodes;
using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations.Providers;
using Invorto.Infrastructure.Conversations.Providers.Rules;

namespace Invorto.Infrastructure.Tests.Conversations.Providers.Rules;

public sealed class RulesLanguageModelTests
{
    private static readonly RulesSettings Rules = new()
    {
        Intents =
        [
            new Intent { Name = "hours", Examples = ["what are your opening hours", "when are you open"], Reply = "We are open from nine to six. Is there anything else?" },
            new Intent { Name = "book", Examples = ["book a meeting", "schedule an appointment"], Reply = "Your meeting is booked. See you then!", Tool = "book_meeting" },
            new Intent { Name = "order", Examples = ["where is my order", "order status"], Reply = "I have found your order, it is on its way.", Tool = "get_order_status" },
            new Intent { Name = "confirm", Examples = ["yes please"], Reply = "Great." },
            new Intent { Name = "decline", Examples = ["no thanks"], Reply = "No problem." },
        ],
    };

    private static readonly ToolDefinition BookMeeting = Tool("book_meeting", """
        {"type":"object","properties":{
          "day":{"type":"string"},
          "time":{"type":"string"},
          "guests":{"type":"integer"},
          "confirmed":{"type":"boolean"},
          "room":{"type":"string","enum":["small room","board room"]},
          "notes":{"type":"string"},
          "tags":{"type":"array","items":{"type":"string"}}
        },"required":["day"]}
        """);

    private static readonly ToolDefinition OrderStatus = Tool("get_order_status", """{"type":"object","properties":{"order_id":{"type":"string"}}}""");

    [Fact]
    public async Task The_best_matching_intent_is_answered_sentence_by_sentence()
    {
        var chunks = await AskAsync(new RulesLanguageModel(Rules), User("Hi, when are you open today?"));

        chunks.Select(chunk => chunk.Text).ShouldBe(["We are open from nine to six. ", "Is there anything else?"]);
    }

    [Fact]
    public async Task An_utterance_that_matches_no_intent_gets_the_polite_fallback()
    {
        var chunks = await AskAsync(new RulesLanguageModel(Rules), User("The weather in Pune is lovely"));

        string.Concat(chunks.Select(chunk => chunk.Text)).ShouldBe(RulesLanguageModel.NoMatchReply);
    }

    [Fact]
    public async Task An_agent_without_intents_always_falls_back()
    {
        var chunks = await AskAsync(new RulesLanguageModel(new RulesSettings()), User("book a meeting"));

        string.Concat(chunks.Select(chunk => chunk.Text)).ShouldBe(RulesLanguageModel.NoMatchReply);
    }

    [Fact]
    public async Task An_intent_with_a_tool_calls_it_first_with_arguments_read_by_its_schema()
    {
        var said = "Yes, book a meeting for tomorrow at three pm in the board room for 4 people";

        var chunks = await AskAsync(new RulesLanguageModel(Rules), User(said));

        var call = chunks.ShouldHaveSingleItem().ToolCall.ShouldNotBeNull();
        call.Name.ShouldBe("book_meeting");
        var arguments = JsonNode.Parse(call.ArgumentsJson)!.AsObject();
        arguments["day"]!.GetValue<string>().ShouldBe("tomorrow");
        arguments["time"]!.GetValue<string>().ShouldBe("3 pm");
        arguments["guests"]!.GetValue<long>().ShouldBe(4);
        arguments["confirmed"]!.GetValue<bool>().ShouldBeTrue();
        arguments["room"]!.GetValue<string>().ShouldBe("board room");
        arguments["notes"]!.GetValue<string>().ShouldBe(said);
        arguments.ContainsKey("tags").ShouldBeFalse();
    }

    [Fact]
    public async Task Slots_that_were_not_said_fall_back_to_the_utterance_or_are_left_out()
    {
        var chunks = await AskAsync(new RulesLanguageModel(Rules), User("schedule an appointment"));

        var arguments = JsonNode.Parse(chunks.Single().ToolCall!.ArgumentsJson)!.AsObject();
        arguments["day"]!.GetValue<string>().ShouldBe("schedule an appointment");
        arguments.ContainsKey("guests").ShouldBeFalse();
        arguments.ContainsKey("confirmed").ShouldBeFalse();
        arguments.ContainsKey("room").ShouldBeFalse();
    }

    [Fact]
    public async Task Spoken_digits_become_an_id()
    {
        var chunks = await AskAsync(new RulesLanguageModel(Rules), User("where is my order, it is four five six seven"));

        var call = chunks.Single().ToolCall!;
        call.Name.ShouldBe("get_order_status");
        JsonNode.Parse(call.ArgumentsJson)!["order_id"]!.GetValue<string>().ShouldBe("4567");
    }

    [Fact]
    public async Task Number_words_fill_an_integer()
    {
        var chunks = await AskAsync(new RulesLanguageModel(Rules), User("book a meeting for twenty five people"));

        JsonNode.Parse(chunks.Single().ToolCall!.ArgumentsJson)!["guests"]!.GetValue<long>().ShouldBe(25);
    }

    [Fact]
    public async Task After_the_tool_result_the_intents_reply_is_spoken_not_the_raw_output()
    {
        var model = new RulesLanguageModel(Rules);
        var asked = User("where is my order 881");
        var call = (await AskAsync(model, asked)).Single().ToolCall!;

        var chunks = await AskAsync(model, asked, new ChatMessage(ChatRole.Assistant, string.Empty, call), new ChatMessage(ChatRole.Tool, """{"status":"shipped","internal_ref":"WH-7781"}""", ToolCallId: call.Id));

        var said = string.Concat(chunks.Select(chunk => chunk.Text));
        said.ShouldBe("I have found your order, it is on its way.");
        said.ShouldNotContain("WH-7781");
        chunks.ShouldAllBe(chunk => chunk.ToolCall == null);
    }

    [Fact]
    public async Task A_failed_tool_gets_an_apology()
    {
        var call = new ToolCallRequest("rules-1", "get_order_status", """{"order_id":"881"}""");

        var chunks = await AskAsync(
            new RulesLanguageModel(Rules),
            User("where is my order 881"),
            new ChatMessage(ChatRole.Assistant, string.Empty, call),
            new ChatMessage(ChatRole.Tool, """{"error":"timeout"}""", ToolCallId: call.Id));

        string.Concat(chunks.Select(chunk => chunk.Text)).ShouldBe(RulesLanguageModel.ToolFailedReply);
    }

    [Theory]
    [InlineData("yeah sure", "Great.")]
    [InlineData("Okay.", "Great.")]
    [InlineData("nope", "No problem.")]
    [InlineData("no, I don't want that", "No problem.")]
    public async Task Yes_and_no_words_are_understood(string said, string reply)
    {
        var chunks = await AskAsync(new RulesLanguageModel(Rules), User(said));

        string.Concat(chunks.Select(chunk => chunk.Text)).ShouldBe(reply);
    }

    [Fact]
    public async Task Word_forms_still_match()
    {
        var chunks = await AskAsync(new RulesLanguageModel(Rules), User("I'm booking meetings"));

        chunks.Single().ToolCall!.Name.ShouldBe("book_meeting");
    }

    [Fact]
    public async Task The_same_conversation_gets_the_same_answers()
    {
        string[] turns = ["when are you open", "book a meeting on friday at 10:30 am", "what is the meaning of life", "yes please"];

        var first = await ConverseAsync(new RulesLanguageModel(Rules), turns);
        var second = await ConverseAsync(new RulesLanguageModel(Rules), turns);

        second.ShouldBe(first);
        first.ShouldContain("""book_meeting {"day":"friday","time":"10:30 am","notes":"book a meeting on friday at 10:30 am"}""");
    }

    [Fact]
    public async Task Tool_call_ids_are_unique_within_a_call()
    {
        var model = new RulesLanguageModel(Rules);

        var first = (await AskAsync(model, User("order status"))).Single().ToolCall!;
        var second = (await AskAsync(model, User("order status"))).Single().ToolCall!;

        second.Id.ShouldNotBe(first.Id);
    }

    private static async Task<List<string>> ConverseAsync(RulesLanguageModel model, string[] turns)
    {
        var history = new List<ChatMessage>();
        var transcript = new List<string>();
        foreach (var turn in turns)
        {
            history.Add(User(turn));
            var chunks = await AskAsync(model, [.. history]);
            if (chunks.SingleOrDefault(chunk => chunk.ToolCall is not null).ToolCall is { } call)
            {
                transcript.Add($"{call.Name} {call.ArgumentsJson}");
                history.Add(new ChatMessage(ChatRole.Assistant, string.Empty, call));
                history.Add(new ChatMessage(ChatRole.Tool, """{"ok":true}""", ToolCallId: call.Id));
                chunks = await AskAsync(model, [.. history]);
            }

            var reply = string.Concat(chunks.Select(chunk => chunk.Text));
            transcript.Add(reply);
            history.Add(new ChatMessage(ChatRole.Assistant, reply));
        }

        return transcript;
    }

    private static async Task<List<LanguageModelChunk>> AskAsync(RulesLanguageModel model, params ChatMessage[] messages)
    {
        var request = new LanguageModelRequest(new LlmSettings { Provider = "rules" }, "You are a receptionist.", messages, [BookMeeting, OrderStatus]);
        var chunks = new List<LanguageModelChunk>();
        await foreach (var chunk in model.StreamAsync(request, CancellationToken.None))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }

    private static ChatMessage User(string text) => new(ChatRole.User, text);

    private static ToolDefinition Tool(string name, string schema) =>
        new() { Name = name, Url = "https://tools.example.com/" + name, InputSchema = JsonDocument.Parse(schema).RootElement.Clone() };
}

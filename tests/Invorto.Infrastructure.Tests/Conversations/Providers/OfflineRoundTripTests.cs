using System.Text.Json;
using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations.Providers;
using Invorto.Infrastructure.Conversations.Providers.PocketSphinx;
using Invorto.Infrastructure.Conversations.Providers.Rules;
using Invorto.Testing;
using Shouldly;
using Xunit;

namespace Invorto.Infrastructure.Tests.Conversations.Providers;

/// <summary>
/// The offline providers chained as a call chains them, with no key and no server: the caller's request is spoken by
/// eSpeak, recognized by PocketSphinx with the agent's grammar, answered by the rule-based responder with a tool call,
/// and the answer after the tool's result is spoken again.
/// </summary>
public sealed class OfflineRoundTripTests
{
    private const string Request = "book a meeting for tomorrow morning";

    private static readonly AgentConfig Agent = new()
    {
        Prompt = "You book meetings.",
        Tools =
        [
            new ToolDefinition
            {
                Name = "book_meeting",
                Url = "https://calendar.example.com/bookings",
                InputSchema = JsonDocument.Parse("""{"type":"object","properties":{"when":{"type":"string"}},"required":["when"]}""").RootElement,
            },
        ],
        Rules = new RulesSettings
        {
            Intents = [new Intent { Name = "book", Examples = [Request, "book a meeting"], Reply = "Your meeting is booked.", Tool = "book_meeting" }],
        },
    };

    [Fact]
    public async Task A_spoken_request_is_recognized_answered_with_a_tool_call_and_the_reply_is_spoken()
    {
        var model = OfflineSpeech.RequirePocketSphinx();
        var speech = await OfflineSpeech.SpeakAsync(Request, 16000);
        await using var stream = new PocketSphinxRecognizer(model, Agent, Guid.NewGuid(), 1).Start(new RecognitionOptions(Guid.NewGuid(), "pocketsphinx", "", "en-IN", 16000));
        OfflineSpeech.WriteFrames(stream, [.. speech, .. OfflineSpeech.Silence(800, 16000)], 16000);
        var heard = await FirstFinalAsync(stream);

        WordAccuracy.Of(Request, heard.Text).ShouldBeGreaterThanOrEqualTo(0.8, $"heard \"{heard.Text}\"");

        var rules = new RulesLanguageModel(Agent.Rules);
        var first = await AskAsync(rules, [new ChatMessage(ChatRole.User, heard.Text)]);
        var call = first.Select(chunk => chunk.ToolCall).OfType<ToolCallRequest>().ShouldHaveSingleItem();
        call.Name.ShouldBe("book_meeting");
        JsonDocument.Parse(call.ArgumentsJson).RootElement.GetProperty("when").GetString().ShouldNotBeNullOrWhiteSpace();

        var answer = await AskAsync(rules,
        [
            new ChatMessage(ChatRole.User, heard.Text),
            new ChatMessage(ChatRole.Assistant, string.Empty, call),
            new ChatMessage(ChatRole.Tool, """{"booked":true}""", ToolCallId: call.Id),
        ]);
        var reply = string.Concat(answer.Select(chunk => chunk.Text));
        reply.ShouldBe("Your meeting is booked.");

        var spoken = await OfflineSpeech.SpeakAsync(reply, 8000);
        (spoken.Length / 2 / 8000.0).ShouldBeGreaterThan(0.5, "the reply is spoken, at the phone rate");
    }

    private static async Task<RecognitionResult> FirstFinalAsync(IRecognitionStream stream)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var result in stream.Results.ReadAllAsync(patience.Token))
        {
            if (result.IsFinal && result.Text.Length > 0)
            {
                return result;
            }
        }

        throw new InvalidOperationException("The recognizer ended without a final result.");
    }

    private static async Task<List<LanguageModelChunk>> AskAsync(RulesLanguageModel rules, IReadOnlyList<ChatMessage> messages)
    {
        var chunks = new List<LanguageModelChunk>();
        await foreach (var chunk in rules.StreamAsync(new LanguageModelRequest(new LlmSettings { Provider = "rules" }, Agent.Prompt, messages, Agent.Tools), CancellationToken.None))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }
}

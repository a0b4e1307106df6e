using Invorto.Application.Conversations.Engine;
using Invorto.Application.Conversations.Providers;
using Shouldly;
using Xunit;

namespace Invorto.Application.Tests.Conversations.Engine;

public sealed class ConversationHistoryTests
{
    [Fact]
    public void Beyond_the_message_limit_the_oldest_messages_are_dropped()
    {
        var history = new ConversationHistory(maxMessages: 4, maxChars: 10_000);

        for (var turn = 1; turn <= 3; turn++)
        {
            history.AddUser($"question {turn}");
            history.AddAssistant($"answer {turn}");
        }

        history.Snapshot().Select(message => message.Content).ShouldBe(["question 2", "answer 2", "question 3", "answer 3"]);
        history.Dropped.ShouldBe(2);
    }

    [Fact]
    public void Beyond_the_character_budget_the_oldest_messages_are_dropped_but_the_newest_is_kept()
    {
        var history = new ConversationHistory(maxMessages: 100, maxChars: 30);

        history.AddUser(new string('a', 20));
        history.AddAssistant(new string('b', 20));
        history.AddUser(new string('c', 50));

        history.Snapshot().Select(message => message.Content).ShouldBe([new string('c', 50)]);
    }

    [Fact]
    public void A_tool_result_is_never_kept_without_the_call_that_asked_for_it()
    {
        var history = new ConversationHistory(maxMessages: 3, maxChars: 10_000);
        history.AddUser("where is my order");
        history.AddToolExchange(new ToolCallRequest("tk-1", "get_order_status", "{}"), """{"status":"shipped"}""");

        history.AddAssistant("It has shipped.");

        var messages = history.Snapshot();
        messages.ShouldNotContain(message => message.Role == ChatRole.Tool);
        messages[0].ToolCall.ShouldBeNull();
        messages[^1].Content.ShouldBe("It has shipped.");
    }

    [Fact]
    public void An_interrupted_answer_is_replaced_by_what_was_heard()
    {
        var history = new ConversationHistory(64, 10_000);
        history.AddUser("pricing?");
        var answer = history.AddAssistant("Plans start at ninety nine rupees. You can cancel any time.");

        history.ReplaceHeard(answer, "Plans start at ninety nine rupees.");

        history.Snapshot().Select(message => (message.Role, message.Content)).ShouldBe(
            [(ChatRole.User, "pricing?"), (ChatRole.Assistant, "Plans start at ninety nine rupees.")]);
    }

    [Fact]
    public void An_answer_cut_before_a_word_was_heard_disappears_and_one_cut_before_it_was_recorded_adds_what_was_heard()
    {
        var history = new ConversationHistory(64, 10_000);
        history.AddUser("pricing?");
        var unheard = history.AddAssistant("Plans start at ninety nine rupees.");

        history.ReplaceHeard(unheard, string.Empty);
        history.ReplaceHeard(entry: null, "Plans start");

        history.Snapshot().Select(message => message.Content).ShouldBe(["pricing?", "Plans start"]);
    }

    [Fact]
    public void Identical_answers_are_told_apart_so_only_the_cut_one_is_replaced()
    {
        var history = new ConversationHistory(64, 10_000);
        history.AddAssistant("Hello.");
        history.AddUser("hi");
        var second = history.AddAssistant("Hello.");

        history.ReplaceHeard(second, "Hel");

        history.Snapshot().Select(message => message.Content).ShouldBe(["Hello.", "hi", "Hel"]);
    }
}

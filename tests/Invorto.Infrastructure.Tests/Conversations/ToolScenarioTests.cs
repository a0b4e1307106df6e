using System.Collections.Concurrent;
using System.Text.Json;
using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations.Engine;
using Invorto.Application.Conversations.Providers;
using Invorto.Application.Conversations.Transport;
using Invorto.Application.Tools.Execution;
using Shouldly;
using Xunit;

using static Invorto.Infrastructure.Tests.Conversations.FakeTimeEngineHarness;

namespace Invorto.Infrastructure.Tests.Conversations;

/// <summary>
/// Platform tools in whole phone conversations, in fake time (spec §8 "Tools"): the model's call runs through the tool
/// runner, its raw result reaches the model and is never spoken, and a slow blocking tool is covered by a filler after 800 ms.
/// </summary>
public sealed class ToolScenarioTests
{
    private const string AnswerAfterTool = "I have checked that for you, and everything is in order.";
    private static readonly ToolDefinition OrderStatus = new() { Name = "get_order_status", Method = "GET", Url = "https://api.example.com/orders" };

    [Fact]
    public async Task A_phone_call_runs_a_platform_tool_and_answers_from_its_result_without_speaking_it()
    {
        var tools = new ScriptedToolExecutor();
        tools.Answer(ToolOutcome.Success("""{"status":"SHIPPED-XYZ"}""", 200, 1, TimeSpan.FromMilliseconds(120)));
        await using var call = Start(Agent(config => config with { Tools = [OrderStatus] }), ["what is my order status"], telephony: true, tools: tools);

        call.Caller.Say(1000);
        await call.RunUntilAsync(() => call.Timeline.Kinds.Contains("agent.turn"));

        var execution = tools.Executions.Single();
        execution.TenantId.ShouldBe(call.Setup.TenantId);
        execution.CallId.ShouldBe(call.Setup.CallId);
        execution.Turn.ShouldBe(1);
        execution.Tool.ShouldBe(OrderStatus);
        call.Transport.EventsOf<ToolCallRequested>().ShouldBeEmpty();
        var spoken = string.Concat(call.Transport.EventsOf<AgentTextDelta>().Select(delta => delta.Text));
        spoken.ShouldBe(AnswerAfterTool);
        call.Session.History.Select(message => (message.Role, message.Content)).ShouldBe(
            [(ChatRole.User, "what is my order status"), (ChatRole.Assistant, string.Empty), (ChatRole.Tool, """{"status":"SHIPPED-XYZ"}"""), (ChatRole.Assistant, AnswerAfterTool)]);
        call.Timeline.Kinds.Where(kind => kind.StartsWith("tool.", StringComparison.Ordinal)).ShouldBe(["tool.requested", "tool.succeeded"]);
    }

    [Fact]
    public async Task A_slow_blocking_tool_is_covered_by_a_filler_after_800_ms_and_its_result_answers_when_it_arrives()
    {
        var tools = new ScriptedToolExecutor();
        var answer = tools.Pending();
        await using var call = Start(Agent(config => config with { Tools = [OrderStatus] }), ["what is my order status"], telephony: true, tools: tools);

        call.Caller.Say(1000);
        var requestedAt = await call.RunUntilAsync(() => !tools.Executions.IsEmpty);
        var framesBefore = call.Transport.Frames;
        var fillerAt = await call.RunUntilAsync(() => call.Transport.Frames > framesBefore);

        (fillerAt - requestedAt).ShouldBeGreaterThanOrEqualTo(ToolInvoker.BlockingBudget, "silence for the whole budget");
        (fillerAt - requestedAt).ShouldBeLessThan(ToolInvoker.BlockingBudget + TimeSpan.FromMilliseconds(100), "the filler right after it");
        call.Transport.EventsOf<AgentTextDelta>().ShouldBeEmpty("the filler is not the model's text");

        await call.RunForAsync(TimeSpan.FromSeconds(1));

        call.Timeline.Kinds.ShouldNotContain("agent.turn");
        call.Session.History.Count.ShouldBe(1);

        answer.SetResult(ToolOutcome.Success("""{"status":"SHIPPED-XYZ"}""", 200, 1, TimeSpan.FromMilliseconds(1900)));
        await call.RunUntilAsync(() => call.Timeline.Kinds.Contains("agent.turn"));

        var turn = call.Timeline.Entries.Single(entry => entry.Kind == "agent.turn");
        JsonDocument.Parse(turn.PayloadJson!).RootElement.GetProperty("text").GetString().ShouldBe($"{ToolInvoker.FillerText} {AnswerAfterTool}");
        call.Session.History.Select(message => message.Role).ShouldBe([ChatRole.User, ChatRole.Assistant, ChatRole.Tool, ChatRole.Assistant]);
        call.Session.History[^1].Content.ShouldBe(AnswerAfterTool);
    }

    /// <summary>A tool runner that answers as the test says: at once, or when the test completes the pending answer.</summary>
    private sealed class ScriptedToolExecutor : IToolExecutor
    {
        private Task<ToolOutcome> _answer = Task.FromResult(ToolOutcome.Failure(ToolErrorCodes.Unavailable, "no answer scripted"));

        public ConcurrentQueue<ToolExecution> Executions { get; } = new();

        public void Answer(ToolOutcome outcome) => _answer = Task.FromResult(outcome);

        public TaskCompletionSource<ToolOutcome> Pending()
        {
            var pending = new TaskCompletionSource<ToolOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
            _answer = pending.Task;
            return pending;
        }

        public Task<ToolOutcome> ExecuteAsync(ToolExecution execution, CancellationToken cancellationToken)
        {
            Executions.Enqueue(execution);
            return _answer;
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations;
using Invorto.Application.Conversations.Engine;
using Invorto.Application.Conversations.Providers;
using Invorto.Application.Conversations.Transport;
using Invorto.Application.Tools.Execution;
using Invorto.Domain.Calls;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Invorto.Application.Tests.Conversations.Engine;

/// <summary>The engine's tool rules (spec §8 "Tools"): who runs a tool, the blocking budget and its filler, the history and the timeline.</summary>
public sealed class ToolInvokerTests
{
    private static readonly ToolDefinition OrderStatus = new() { Name = "get_order_status", Method = "GET", Url = "https://api.example.com/orders/{orderId}" };
    private static readonly ToolCallRequest Call = new("tk-1", "get_order_status", """{"orderId":"A1"}""");

    private readonly FakeTimeProvider _clock = new();
    private readonly RecordingTimeline _timeline = new();
    private readonly IToolExecutor _executor = Substitute.For<IToolExecutor>();
    private readonly IConversationTransport _transport = Substitute.For<IConversationTransport>();
    private readonly ConversationHistory _history = new(64, 32_000);
    private readonly Lock _gate = new();
    private readonly FillerRecorder _filler = new();

    public ToolInvokerTests()
    {
        _transport.Name.Returns("jambonz");
        _history.AddUser("where is my order A1");
    }

    [Fact]
    public async Task A_platform_tool_runs_through_the_executor_with_the_calls_context_and_its_result_joins_the_history()
    {
        var setup = Setup(OrderStatus, allowedHosts: ["api.example.com"]);
        _executor.ExecuteAsync(Arg.Any<ToolExecution>(), Arg.Any<CancellationToken>())
            .Returns(ToolOutcome.Success("""{"status":"shipped"}""", 200, 1, TimeSpan.FromMilliseconds(42)));

        await Invoker(setup).RunAsync(Call, turn: 3, _filler.SayAsync, CancellationToken.None);

        await _executor.Received(1).ExecuteAsync(
            Arg.Is<ToolExecution>(execution =>
                execution.TenantId == setup.TenantId && execution.CallId == setup.CallId && execution.Turn == 3
                && execution.Tool == OrderStatus && execution.ArgumentsJson == Call.ArgumentsJson
                && execution.AllowedHosts.SequenceEqual(new[] { "api.example.com" })
                && execution.IdempotencyKey == $"{setup.CallId}:3:get_order_status"),
            Arg.Any<CancellationToken>());
        _history.Snapshot().Skip(1).ShouldBe([new ChatMessage(ChatRole.Assistant, string.Empty, Call), new ChatMessage(ChatRole.Tool, """{"status":"shipped"}""", ToolCallId: "tk-1")]);
        _timeline.Kinds.ShouldBe(["tool.requested", "tool.succeeded"]);
        var succeeded = _timeline.Payload("tool.succeeded");
        succeeded.GetProperty("status").GetInt32().ShouldBe(200);
        succeeded.GetProperty("attempts").GetInt32().ShouldBe(1);
        succeeded.GetProperty("durationMs").GetDouble().ShouldBe(42);
        _filler.Said.ShouldBeEmpty();
        await _transport.DidNotReceive().SendEventAsync(Arg.Any<ConversationEvent>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_failed_tool_tells_the_model_why_and_records_code_status_and_attempts()
    {
        _executor.ExecuteAsync(Arg.Any<ToolExecution>(), Arg.Any<CancellationToken>())
            .Returns(ToolOutcome.Failure("http_503", "the tool answered HTTP 503", 503, 3, TimeSpan.FromMilliseconds(900)));

        await Invoker(Setup(OrderStatus)).RunAsync(Call, turn: 1, _filler.SayAsync, CancellationToken.None);

        var answer = JsonDocument.Parse(_history.Snapshot()[^1].Content).RootElement.GetProperty("error");
        answer.GetProperty("code").GetString().ShouldBe("http_503");
        var failed = _timeline.Payload("tool.failed");
        failed.GetProperty("code").GetString().ShouldBe("http_503");
        failed.GetProperty("status").GetInt32().ShouldBe(503);
        failed.GetProperty("attempts").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task A_blocking_tool_gets_800_ms_of_silence_then_the_filler_and_its_result_before_the_reply_goes_on()
    {
        var answer = new TaskCompletionSource<ToolOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        _executor.ExecuteAsync(Arg.Any<ToolExecution>(), Arg.Any<CancellationToken>()).Returns(answer.Task);
        var invoker = Invoker(Setup(OrderStatus));

        var running = invoker.RunAsync(Call, turn: 1, _filler.SayAsync, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMilliseconds(799));
        await Task.Yield();

        _filler.Said.ShouldBeEmpty();
        invoker.Waiting.ShouldBeTrue();

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await _filler.First.WaitAsync(TimeSpan.FromSeconds(10));

        _filler.Said.ShouldBe(["One moment, please."]);
        running.IsCompleted.ShouldBeFalse("the reply waits for the result after the filler");
        _history.Count.ShouldBe(1);

        answer.SetResult(ToolOutcome.Success("""{"status":"shipped"}""", 200, 1, TimeSpan.FromMilliseconds(1500)));
        await running.WaitAsync(TimeSpan.FromSeconds(10));

        _history.Snapshot()[^1].Content.ShouldBe("""{"status":"shipped"}""");
        invoker.Waiting.ShouldBeFalse();
    }

    [Fact]
    public async Task A_blocking_tool_that_answers_within_the_budget_has_no_filler()
    {
        var answer = new TaskCompletionSource<ToolOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        _executor.ExecuteAsync(Arg.Any<ToolExecution>(), Arg.Any<CancellationToken>()).Returns(answer.Task);

        var running = Invoker(Setup(OrderStatus)).RunAsync(Call, turn: 1, _filler.SayAsync, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        answer.SetResult(ToolOutcome.Success("{}", 200, 1, TimeSpan.FromMilliseconds(500)));
        await running.WaitAsync(TimeSpan.FromSeconds(10));
        _clock.Advance(TimeSpan.FromSeconds(1));

        _filler.Said.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_non_blocking_tool_has_no_budget_the_filler_comes_at_once()
    {
        var answer = new TaskCompletionSource<ToolOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        _executor.ExecuteAsync(Arg.Any<ToolExecution>(), Arg.Any<CancellationToken>()).Returns(answer.Task);

        var running = Invoker(Setup(OrderStatus with { Blocking = false })).RunAsync(Call, turn: 1, _filler.SayAsync, CancellationToken.None);
        await _filler.First.WaitAsync(TimeSpan.FromSeconds(10));

        _filler.Said.ShouldBe(["One moment, please."]);
        answer.SetResult(ToolOutcome.Success("{}", 200, 1, TimeSpan.Zero));
        await running.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task When_the_caller_cuts_the_wait_short_the_tool_still_ends_and_its_result_waits_in_the_history_for_the_next_model_turn()
    {
        var answer = new TaskCompletionSource<ToolOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        _executor.ExecuteAsync(Arg.Any<ToolExecution>(), Arg.Any<CancellationToken>()).Returns(answer.Task);
        using var reply = new CancellationTokenSource();
        var invoker = Invoker(Setup(OrderStatus));

        var running = invoker.RunAsync(Call, turn: 1, _filler.SayAsync, reply.Token);
        _clock.Advance(ToolInvoker.BlockingBudget);
        await _filler.First.WaitAsync(TimeSpan.FromSeconds(10));
        await reply.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(running.WaitAsync(TimeSpan.FromSeconds(10)));
        lock (_gate)
        {
            _history.AddUser("actually, never mind");
        }

        answer.SetResult(ToolOutcome.Success("""{"status":"shipped"}""", 200, 1, TimeSpan.FromSeconds(2)));
        await _timeline.Recorded("tool.succeeded").WaitAsync(TimeSpan.FromSeconds(10));

        _history.Snapshot().Skip(1).Select(message => (message.Role, message.Content)).ShouldBe(
            [(ChatRole.User, "actually, never mind"), (ChatRole.Assistant, string.Empty), (ChatRole.Tool, """{"status":"shipped"}""")]);
        invoker.Waiting.ShouldBeFalse();
    }

    [Fact]
    public async Task A_client_side_tool_on_a_phone_call_fails_as_unavailable_without_a_tool_call_event()
    {
        var clientTool = new ToolDefinition { Name = "get_order_status", ClientSide = true };

        await Invoker(Setup(clientTool)).RunAsync(Call, turn: 1, _filler.SayAsync, CancellationToken.None);

        _timeline.Payload("tool.failed").GetProperty("code").GetString().ShouldBe("unavailable");
        await _transport.DidNotReceive().SendEventAsync(Arg.Any<ConversationEvent>(), Arg.Any<CancellationToken>());
        await _executor.DidNotReceive().ExecuteAsync(Arg.Any<ToolExecution>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_client_side_tool_on_the_web_goes_to_the_client_and_its_answer_joins_the_history()
    {
        _transport.Name.Returns("web");
        var invoker = Invoker(Setup(new ToolDefinition { Name = "get_order_status", ClientSide = true }));

        var running = invoker.RunAsync(Call, turn: 1, _filler.SayAsync, CancellationToken.None);
        await _transport.Received(1).SendEventAsync(new ToolCallRequested("tk-1", "get_order_status", Call.ArgumentsJson), Arg.Any<CancellationToken>());
        invoker.ReceiveResult("tk-1", """{"status":"shipped"}""").ShouldBeTrue();
        await running.WaitAsync(TimeSpan.FromSeconds(10));

        _history.Snapshot()[^1].Content.ShouldBe("""{"status":"shipped"}""");
        _timeline.Payload("tool.requested").GetProperty("runner").GetString().ShouldBe("client");
        await _executor.DidNotReceive().ExecuteAsync(Arg.Any<ToolExecution>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_platform_tool_on_the_web_runs_on_the_platform_too()
    {
        _transport.Name.Returns("web");
        _executor.ExecuteAsync(Arg.Any<ToolExecution>(), Arg.Any<CancellationToken>()).Returns(ToolOutcome.Success("{}", 200, 1, TimeSpan.Zero));

        await Invoker(Setup(OrderStatus)).RunAsync(Call, turn: 1, _filler.SayAsync, CancellationToken.None);

        await _executor.Received(1).ExecuteAsync(Arg.Any<ToolExecution>(), Arg.Any<CancellationToken>());
        await _transport.DidNotReceive().SendEventAsync(Arg.Any<ConversationEvent>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Without_a_tool_runner_a_platform_tool_fails_as_unavailable()
    {
        await Invoker(Setup(OrderStatus), executor: null).RunAsync(Call, turn: 1, _filler.SayAsync, CancellationToken.None);

        _timeline.Payload("tool.failed").GetProperty("code").GetString().ShouldBe("unavailable");
        _history.Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_tool_the_agent_does_not_have_is_answered_with_an_error()
    {
        await Invoker(Setup(OrderStatus)).RunAsync(Call with { Name = "drop_tables" }, turn: 1, _filler.SayAsync, CancellationToken.None);

        JsonDocument.Parse(_history.Snapshot()[^1].Content).RootElement.GetProperty("error").GetProperty("code").GetString().ShouldBe("unknown_tool");
        await _executor.DidNotReceive().ExecuteAsync(Arg.Any<ToolExecution>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task The_timeline_keeps_only_a_short_cut_of_a_long_result()
    {
        var result = JsonSerializer.Serialize(new { text = new string('x', 10_000) });
        _executor.ExecuteAsync(Arg.Any<ToolExecution>(), Arg.Any<CancellationToken>()).Returns(ToolOutcome.Success(result, 200, 1, TimeSpan.Zero));

        await Invoker(Setup(OrderStatus)).RunAsync(Call, turn: 1, _filler.SayAsync, CancellationToken.None);

        _timeline.Payload("tool.succeeded").GetProperty("result").GetString()!.Length.ShouldBe(ToolInvoker.TimelineResultChars + 1);
        _history.Snapshot()[^1].Content.ShouldBe(result);
    }

    private static ConversationSetup Setup(ToolDefinition tool, IReadOnlyList<string>? allowedHosts = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1, new AgentConfig { Prompt = "p", Tools = [tool] }, CallDirection.Inbound, null, null, false, false, null)
        {
            AllowedToolHosts = allowedHosts ?? [],
        };

    private ToolInvoker Invoker(ConversationSetup setup) => Invoker(setup, _executor);

    private ToolInvoker Invoker(ConversationSetup setup, IToolExecutor? executor)
    {
        var meters = Substitute.For<IMeterFactory>();
        meters.Create(Arg.Any<MeterOptions>()).Returns(call => new Meter(call.Arg<MeterOptions>()));
        var clock = new EngineClock(_clock);
        var telemetry = new ConversationTelemetry(setup, _timeline, new ConversationMetrics(meters), clock, clock.Now);
        return new ToolInvoker(setup, _transport, executor, _history, telemetry, clock, _gate, NullLogger.Instance, CancellationToken.None);
    }

    private sealed class FillerRecorder
    {
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentQueue<string> Said { get; } = new();

        public Task First => _first.Task;

        public Task SayAsync(string text)
        {
            Said.Enqueue(text);
            _first.TrySetResult();
            return Task.CompletedTask;
        }
    }

    private sealed class RecordingTimeline : ICallTimeline
    {
        private readonly ConcurrentQueue<TimelineEntry> _entries = new();
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _recorded = new(StringComparer.Ordinal);

        public IReadOnlyList<string> Kinds => [.. _entries.Select(entry => entry.Kind)];

        public void Append(TimelineEntry entry)
        {
            _entries.Enqueue(entry);
            Signal(entry.Kind).TrySetResult();
        }

        public Task Recorded(string kind) => Signal(kind).Task;

        public JsonElement Payload(string kind) => JsonDocument.Parse(_entries.Single(entry => entry.Kind == kind).PayloadJson!).RootElement;

        private TaskCompletionSource Signal(string kind) => _recorded.GetOrAdd(kind, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }
}

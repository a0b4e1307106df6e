using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations.Providers;
using Invorto.Application.Conversations.Transport;
using Invorto.Application.Tools.Execution;
using Microsoft.Extensions.Logging;

namespace Invorto.Application.Conversations.Engine;

/// <summary>
/// Runs the tool calls the language model asks for (spec §8 "Tools"), on every transport: the platform runs them through
/// the <see cref="IToolExecutor"/>; a client-side tool goes to the web client (<c>tool.call</c> → <c>tool.result</c>) and
/// fails elsewhere. Each call is recorded in the timeline (<c>tool.requested</c>, then <c>tool.succeeded</c> or
/// <c>tool.failed</c>) and its result, as the model reads it, joins the history when the call ends: never spoken.
/// <para>
/// The blocking budget: the reply that asked waits up to <see cref="BlockingBudget"/> for a blocking tool (not at all for a
/// non-blocking one). Past it the agent says <see cref="FillerText"/> (part of the reply, not of the history) and the call
/// no longer holds the conversation: while the caller says nothing the reply keeps waiting and answers from the result as
/// soon as it is in the history; when the caller cuts in first (a barge-in on the waiting reply), that reply ends, the call
/// still runs to its end, and the first model request after its result joined the history (the new turn's next round, or
/// a later turn) reads it. The call itself ends only with its timeout or the session.
/// </para>
/// </summary>
internal sealed partial class ToolInvoker(
    ConversationSetup setup,
    IConversationTransport transport,
    IToolExecutor? executor,
    ConversationHistory history,
    ConversationTelemetry telemetry,
    EngineClock clock,
    Lock gate,
    ILogger logger,
    CancellationToken sessionToken)
{
    /// <summary>How long a reply waits silently for a blocking tool before the filler (spec §8).</summary>
    public static readonly TimeSpan BlockingBudget = TimeSpan.FromMilliseconds(800);

    public const string FillerText = "One moment, please.";

    /// <summary>Characters of a tool's result the timeline keeps; the model gets it whole.</summary>
    public const int TimelineResultChars = 256;

    private const int MaxResultChars = 64 * 1024;

    /// <summary>Beyond the tool's own timeout, which the executor enforces, before the engine stops waiting for a runner that never answers.</summary>
    private static readonly TimeSpan RunnerGrace = TimeSpan.FromSeconds(1);

    private readonly Lock _clientGate = new();
    private readonly Dictionary<string, TaskCompletionSource<string>> _clientCalls = new(StringComparer.Ordinal);
    private int _repliesWaiting;

    /// <summary>A reply is waiting for a tool's result.</summary>
    public bool Waiting => Volatile.Read(ref _repliesWaiting) > 0;

    /// <summary>
    /// Runs <paramref name="call"/> for a reply and returns once its result is in the history; past the budget
    /// <paramref name="sayFiller"/> speaks the filler in the reply. Cancelling <paramref name="replyToken"/> ends the wait, not the call.
    /// </summary>
    public async Task RunAsync(ToolCallRequest call, int turn, Func<string, Task> sayFiller, CancellationToken replyToken)
    {
        var definition = setup.Config.Tools.FirstOrDefault(tool => string.Equals(tool.Name, call.Name, StringComparison.Ordinal));
        var run = RunToEndAsync(call, definition, turn);
        if (await WaitAsync(run, definition is { Blocking: true } ? BlockingBudget : TimeSpan.Zero, replyToken).ConfigureAwait(false))
        {
            return;
        }

        await sayFiller(FillerText).ConfigureAwait(false);
        await WaitAsync(run, Timeout.InfiniteTimeSpan, replyToken).ConfigureAwait(false);
    }

    /// <summary>The client's answer to a <c>tool.call</c>; false when no such call is waiting.</summary>
    public bool ReceiveResult(string id, string resultJson)
    {
        TaskCompletionSource<string>? waiting;
        lock (_clientGate)
        {
            _clientCalls.Remove(id, out waiting);
        }

        return waiting?.TrySetResult(resultJson) ?? false;
    }

    public void CancelAll()
    {
        lock (_clientGate)
        {
            foreach (var waiting in _clientCalls.Values)
            {
                waiting.TrySetCanceled();
            }

            _clientCalls.Clear();
        }
    }

    private async Task<bool> WaitAsync(Task run, TimeSpan limit, CancellationToken replyToken)
    {
        Interlocked.Increment(ref _repliesWaiting);
        try
        {
            await run.WaitAsync(limit, clock.Time, replyToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        finally
        {
            Interlocked.Decrement(ref _repliesWaiting);
        }
    }

    /// <summary>The whole call, independent of the reply that asked for it; never throws.</summary>
    private async Task RunToEndAsync(ToolCallRequest call, ToolDefinition? definition, int turn)
    {
        var runner = definition is { ClientSide: true } ? "client" : "platform";
        telemetry.Record(TimelineKinds.ToolRequested, new { id = call.Id, name = call.Name, turn, runner, blocking = definition?.Blocking });
        var started = clock.Now;
        ToolOutcome outcome;
        try
        {
            outcome = definition switch
            {
                null => ToolOutcome.Failure(ToolErrorCodes.UnknownTool, $"the agent has no tool named '{Cut(call.Name, 64)}'"),
                { ClientSide: true } => await RunOnClientAsync(call, definition).ConfigureAwait(false),
                _ when executor is null => ToolOutcome.Failure(ToolErrorCodes.Unavailable, "no tool runner is configured on this server"),
                _ => await RunOnPlatformAsync(call, definition, turn).ConfigureAwait(false),
            };
        }
        catch (OperationCanceledException)
        {
            Failed(call, ToolOutcome.Failure(ToolErrorCodes.Canceled, "the call ended before the tool answered"), started);
            return;
        }
        catch (Exception exception)
        {
            LogToolRunnerFailed(logger, setup.CallId, call.Name, exception);
            outcome = ToolOutcome.Failure(ToolErrorCodes.Unavailable, "the tool could not be run");
        }

        if (outcome.Succeeded)
        {
            telemetry.Record(TimelineKinds.ToolSucceeded, new
            {
                id = call.Id,
                name = call.Name,
                status = outcome.HttpStatus,
                attempts = outcome.Attempts,
                durationMs = DurationMs(outcome, started),
                result = Cut(outcome.ResultJson, TimelineResultChars),
            });
        }
        else
        {
            Failed(call, outcome, started);
        }

        lock (gate)
        {
            history.AddToolExchange(call, outcome.ResultJson.Length > MaxResultChars ? outcome.ResultJson[..MaxResultChars] : outcome.ResultJson);
        }
    }

    private async Task<ToolOutcome> RunOnPlatformAsync(ToolCallRequest call, ToolDefinition definition, int turn)
    {
        var execution = new ToolExecution(setup.TenantId, setup.CallId, turn, definition, call.ArgumentsJson, setup.AllowedToolHosts);
        try
        {
            return await executor!.ExecuteAsync(execution, sessionToken)
                .WaitAsync(TimeSpan.FromMilliseconds(definition.TimeoutMs) + RunnerGrace, clock.Time, sessionToken)
                .ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return ToolOutcome.Failure(ToolErrorCodes.Timeout, $"the tool did not answer within {definition.TimeoutMs} ms");
        }
    }

    /// <summary>The web client runs the tool: <c>tool.call</c> out, <c>tool.result</c> back within the tool's timeout.</summary>
    private async Task<ToolOutcome> RunOnClientAsync(ToolCallRequest call, ToolDefinition definition)
    {
        if (!string.Equals(transport.Name, "web", StringComparison.Ordinal))
        {
            return ToolOutcome.Failure(ToolErrorCodes.Unavailable, "this tool runs in the web client, and this call has none");
        }

        var waiting = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_clientGate)
        {
            _clientCalls[call.Id] = waiting;
        }

        try
        {
            await transport.SendEventAsync(new ToolCallRequested(call.Id, call.Name, call.ArgumentsJson), sessionToken).ConfigureAwait(false);
            var result = await waiting.Task.WaitAsync(TimeSpan.FromMilliseconds(definition.TimeoutMs), clock.Time, sessionToken).ConfigureAwait(false);
            return ToolOutcome.Success(result, httpStatus: null, attempts: 1, TimeSpan.Zero);
        }
        catch (TimeoutException)
        {
            return ToolOutcome.Failure(ToolErrorCodes.Timeout, $"the web client did not answer within {definition.TimeoutMs} ms", attempts: 1);
        }
        finally
        {
            lock (_clientGate)
            {
                _clientCalls.Remove(call.Id);
            }
        }
    }

    private void Failed(ToolCallRequest call, ToolOutcome outcome, long started) =>
        telemetry.Record(TimelineKinds.ToolFailed, new
        {
            id = call.Id,
            name = call.Name,
            code = outcome.ErrorCode,
            error = outcome.ErrorMessage,
            status = outcome.HttpStatus,
            attempts = outcome.Attempts,
            durationMs = DurationMs(outcome, started),
        });

    private double DurationMs(ToolOutcome outcome, long started) =>
        Math.Round(outcome.Duration > TimeSpan.Zero ? outcome.Duration.TotalMilliseconds : clock.Milliseconds(started, clock.Now), 1);

    private static string Cut(string text, int chars) => text.Length <= chars ? text : string.Concat(text.AsSpan(0, chars), "…");

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallId}: the tool runner failed on {Tool}")]
    private static partial void LogToolRunnerFailed(ILogger logger, Guid callId, string tool, Exception exception);
}

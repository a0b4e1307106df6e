using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations.Providers;
using Invorto.Application.Conversations.Transport;

namespace Invorto.Application.Conversations.Engine;

/// <summary>
/// Runs the tool calls the language model asks for. On the client protocol the client runs them: a <c>tool.call</c>
/// goes out and the session waits, up to the tool's timeout, for the matching <c>tool.result</c>. Unknown tools and
/// transports without a tool runner answer the model with an error instead of failing the reply.
/// </summary>
internal sealed class ToolInvoker(AgentConfig config, IConversationTransport transport, ConversationTelemetry telemetry, EngineClock clock)
{
    private const int MaxResultChars = 64 * 1024;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TaskCompletionSource<string>> _pending = new(StringComparer.Ordinal);

    /// <summary>A tool call is waiting for the client's result.</summary>
    public bool Waiting
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count > 0;
            }
        }
    }

    public async Task<string> RunAsync(ToolCallRequest call, CancellationToken cancellationToken)
    {
        telemetry.Record(TimelineKinds.ToolRequested, new { id = call.Id, name = call.Name });
        var definition = config.Tools.FirstOrDefault(tool => string.Equals(tool.Name, call.Name, StringComparison.Ordinal));
        if (definition is null)
        {
            return Failed(call, "unknown tool", """{"error":"unknown tool"}""");
        }

        if (!string.Equals(transport.Name, "web", StringComparison.Ordinal))
        {
            return Failed(call, "no tool runner for this transport", """{"error":"tool unavailable"}""");
        }

        var waiting = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _pending[call.Id] = waiting;
        }

        await transport.SendEventAsync(new ToolCallRequested(call.Id, call.Name, call.ArgumentsJson), cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await waiting.Task.WaitAsync(TimeSpan.FromMilliseconds(definition.TimeoutMs), clock.Time, cancellationToken).ConfigureAwait(false);
            telemetry.Record(TimelineKinds.ToolSucceeded, new { id = call.Id, name = call.Name });
            return result.Length > MaxResultChars ? result[..MaxResultChars] : result;
        }
        catch (TimeoutException)
        {
            return Failed(call, "timeout", """{"error":"timeout"}""");
        }
        finally
        {
            lock (_gate)
            {
                _pending.Remove(call.Id);
            }
        }
    }

    /// <summary>The client's answer to a <c>tool.call</c>; false when no such call is waiting.</summary>
    public bool ReceiveResult(string id, string resultJson)
    {
        TaskCompletionSource<string>? waiting;
        lock (_gate)
        {
            _pending.Remove(id, out waiting);
        }

        return waiting?.TrySetResult(resultJson) ?? false;
    }

    public void CancelAll()
    {
        lock (_gate)
        {
            foreach (var waiting in _pending.Values)
            {
                waiting.TrySetCanceled();
            }

            _pending.Clear();
        }
    }

    private string Failed(ToolCallRequest call, string error, string answer)
    {
        telemetry.Record(TimelineKinds.ToolFailed, new { id = call.Id, name = call.Name, error });
        return answer;
    }
}

using Invorto.Domain.Calls;

namespace Invorto.Application.Calls.PostCall;

/// <summary>
/// A summary written by rules from the call's facts and transcript, for calls whose agent has no language model to ask
/// (and as the answer when asking fails): no call, no conversation, tools that failed, or a conversation held. It says
/// what happened; it does not pretend to understand what was meant.
/// </summary>
public static class CallSummaryRules
{
    public const string Source = "rules";

    public static CallSummary Summarize(Call call, CallTranscript transcript)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(transcript);
        var callerTurns = transcript.Messages.Count(message => message.Speaker == "caller");
        var agentTurns = transcript.Messages.Count(message => message.Speaker == "agent");
        var failedTools = transcript.ToolCalls.Where(tool => tool.Kind == Conversations.TimelineKinds.ToolFailed).Select(tool => tool.Detail ?? "a tool").Distinct().ToList();
        var succeededTools = transcript.ToolCalls.Where(tool => tool.Kind == Conversations.TimelineKinds.ToolSucceeded).Select(tool => tool.Detail ?? "a tool").Distinct().ToList();
        var ended = call.EndReason ?? call.Status.ToName();

        if (call.AnsweredAt is null)
        {
            return new CallSummary("not_connected", "Try the call again later.", $"The call was not answered ({call.Status.ToName()}).", Source, 0, 0);
        }

        if (callerTurns == 0)
        {
            return new CallSummary("no_conversation", "Try the call again later.", $"The caller said nothing the agent recognised; the call ended: {ended}.", Source, 0, agentTurns);
        }

        var notes = $"{callerTurns} caller turn(s), {agentTurns} agent turn(s); the call ended: {ended}."
            + (succeededTools.Count > 0 ? $" Tools done: {string.Join(", ", succeededTools)}." : string.Empty)
            + (failedTools.Count > 0 ? $" Tools failed: {string.Join(", ", failedTools)}." : string.Empty)
            + (transcript.BargeIns.Count > 0 ? $" The caller interrupted {transcript.BargeIns.Count} time(s)." : string.Empty);
        return failedTools.Count > 0
            ? new CallSummary("needs_follow_up", $"Follow up on what {string.Join(", ", failedTools)} could not do.", notes, Source, callerTurns, agentTurns)
            : new CallSummary("completed", succeededTools.Count > 0 ? "None: the agent's tools did what was asked." : "None recorded.", notes, Source, callerTurns, agentTurns);
    }
}

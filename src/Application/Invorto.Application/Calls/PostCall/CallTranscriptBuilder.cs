using Invorto.Application.Common;
using Invorto.Application.Conversations;
using Invorto.Domain.Calls;

namespace Invorto.Application.Calls.PostCall;

/// <summary>
/// Builds a call's transcript from its timeline: <c>stt.final</c> (the caller), <c>agent.turn</c> (a reply as generated,
/// also one the end of the call cut), <c>bargein</c> (the moment, and what the caller heard of the reply it cut),
/// <c>dtmf</c> and <c>tool.*</c> entries.
/// </summary>
public static class CallTranscriptBuilder
{
    public static CallTranscript Build(Call call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var start = call.AnsweredAt ?? call.StartedAt ?? call.CreatedAt;
        var messages = new List<TranscriptMessage>();
        var bargeIns = new List<TranscriptMoment>();
        var dtmf = new List<TranscriptMoment>();
        var tools = new List<TranscriptMoment>();
        foreach (var entry in call.Events.OrderBy(entry => entry.Ts).ThenBy(entry => entry.Id))
        {
            var at = Math.Round(Math.Max(0, (entry.Ts - start).TotalSeconds), 2);
            using var payload = JsonFields.TryParse(entry.PayloadJson);
            var root = payload?.RootElement ?? default;
            switch (entry.Kind)
            {
                case TimelineKinds.TranscriptFinal when JsonFields.Text(root, "text") is { Length: > 0 } heard:
                    messages.Add(new TranscriptMessage("caller", heard, at, JsonFields.Number(root, "confidence")));
                    break;
                case TimelineKinds.AgentTurn when JsonFields.Text(root, "text") is { Length: > 0 } said:
                    messages.Add(new TranscriptMessage("agent", said, at, null));
                    break;
                case TimelineKinds.BargeIn:
                    bargeIns.Add(new TranscriptMoment("bargein", at, null));
                    if (JsonFields.Text(root, "played") is { Length: > 0 } played)
                    {
                        messages.Add(new TranscriptMessage("agent", played, at, null));
                    }

                    break;
                case TimelineKinds.Dtmf:
                    dtmf.Add(new TranscriptMoment("dtmf", at, JsonFields.Text(root, "digits")));
                    break;
                case TimelineKinds.ToolSucceeded or TimelineKinds.ToolFailed:
                    tools.Add(new TranscriptMoment(entry.Kind, at, JsonFields.Text(root, "name") ?? JsonFields.Text(root, "tool")));
                    break;
            }
        }

        return new CallTranscript(call.Id, start, messages, bargeIns, dtmf, tools);
    }
}

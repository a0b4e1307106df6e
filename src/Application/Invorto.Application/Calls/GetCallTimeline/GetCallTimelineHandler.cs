using System.Text.Json.Nodes;
using Invorto.Application.Common;

namespace Invorto.Application.Calls.GetCallTimeline;

/// <summary>Builds the timeline by hand: payloads are free-form objects merged into each entry, which a map cannot express.</summary>
public sealed class GetCallTimelineHandler(ICallsQueries queries)
{
    private const string TsKey = "ts";
    private const string TypeKey = "type";

    public async Task<Result<CallTimelineDto>> HandleAsync(GetCallTimelineQuery query, CancellationToken cancellationToken)
    {
        var events = await queries.TimelineAsync(query.TenantId, query.CallId, cancellationToken);
        return events is null ? Error.NotFound("The call") : new CallTimelineDto([.. events.Select(Entry)]);
    }

    private static JsonObject Entry(CallEventView entry)
    {
        var item = new JsonObject
        {
            [TsKey] = JsonValue.Create(entry.Ts.ToUniversalTime()),
            [TypeKey] = entry.Kind,
        };

        if (string.IsNullOrWhiteSpace(entry.PayloadJson) || JsonNode.Parse(entry.PayloadJson) is not JsonObject payload)
        {
            return item;
        }

        foreach (var (name, value) in payload.ToList())
        {
            // The entry's own ts and type win over payload fields of the same name.
            if (name is TsKey or TypeKey)
            {
                continue;
            }

            payload.Remove(name);
            item[name] = value;
        }

        return item;
    }
}

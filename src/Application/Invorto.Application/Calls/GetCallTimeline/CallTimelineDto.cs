using System.Text.Json.Nodes;

namespace Invorto.Application.Calls.GetCallTimeline;

/// <summary><c>{ "data": [ { "ts", "type", ...payload } ] }</c>: each entry's payload object merged beside its timestamp and type.</summary>
public sealed record CallTimelineDto(IReadOnlyList<JsonObject> Data);

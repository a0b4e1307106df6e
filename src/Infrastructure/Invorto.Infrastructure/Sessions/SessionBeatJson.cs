using System.Text.Json.Serialization;
using Invorto.Application.Conversations;

namespace Invorto.Infrastructure.Sessions;

/// <summary>The JSON of <c>invorto:session:{callId}</c>: <c>{"callId","tenantId","transport","host","at"}</c>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SessionBeat))]
internal sealed partial class SessionBeatJson : JsonSerializerContext;

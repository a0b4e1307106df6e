using Invorto.Domain.Agents;

namespace Invorto.Application.Agents;

/// <summary>An agent seen at one of its versions: the source of <see cref="AgentDto"/>.</summary>
public sealed record AgentVersionView(Agent Agent, AgentVersion Version);

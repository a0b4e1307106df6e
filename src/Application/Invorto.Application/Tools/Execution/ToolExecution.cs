using Invorto.Application.Agents.Configuration;

namespace Invorto.Application.Tools.Execution;

/// <summary>
/// One tool call the model asked for during a call: the tool as the agent's configuration defines it, the model's
/// arguments (a JSON object) and the hosts the tenant allows tools to call (empty: every public host).
/// </summary>
/// <param name="Turn">The caller's turn the call belongs to; it makes the idempotency key.</param>
public sealed record ToolExecution(
    Guid TenantId,
    Guid CallId,
    int Turn,
    ToolDefinition Tool,
    string ArgumentsJson,
    IReadOnlyCollection<string> AllowedHosts)
{
    /// <summary><c>{callId}:{turn}:{tool}</c>, sent as <c>Idempotency-Key</c> and the same on every retry.</summary>
    public string IdempotencyKey => $"{CallId}:{Turn}:{Tool.Name}";
}

namespace Invorto.Application.Tools.Execution;

/// <summary>
/// Runs one of an agent's tools on the platform (spec §8 "Tools"): checks the model's arguments against the tool's
/// <c>inputSchema</c>, resolves <c>${secrets.name}</c> references only now, refuses hosts the tenant does not allow and
/// addresses the SSRF guard refuses, calls the tool within its timeout and hands back what the model may read.
/// </summary>
public interface IToolExecutor
{
    /// <summary>
    /// Every expected failure (bad arguments, refused target, missing secret, timeout, HTTP error, oversized answer) is an
    /// unsuccessful <see cref="ToolOutcome"/>, never an exception; an <see cref="OperationCanceledException"/> means only that
    /// <paramref name="cancellationToken"/> was cancelled.
    /// </summary>
    Task<ToolOutcome> ExecuteAsync(ToolExecution execution, CancellationToken cancellationToken);
}

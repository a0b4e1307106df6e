using Invorto.Application.Abstractions;
using Invorto.Application.Agents;
using Invorto.Application.Tools;
using Invorto.Domain.Secrets;

namespace Invorto.Application.Tests.Agents;

/// <summary>The agent save's target checks as a deployment configures them (private targets refused unless allowed).</summary>
internal static class AgentTargets
{
    public static AgentTargetChecks Checks(IReadRepository<TenantSecret> secrets, bool allowPrivateTargets = false)
    {
        var settings = new ToolTargetSettings(allowPrivateTargets);
        return new AgentTargetChecks(new ToolTargetChecks(settings, secrets), new AgentEndpointRules(settings));
    }
}

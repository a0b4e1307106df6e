using System.Net;

namespace Invorto.Application.Tools;

/// <summary>
/// A provider <c>baseUrl</c> that an agent (a tenant) wrote, not the operator: the platform will send requests there, so
/// the address rules of tools apply. A literal loopback, private, link-local or metadata address, or <c>localhost</c>, is
/// refused unless <c>WEBHOOK_ALLOW_PRIVATE_TARGETS=true</c> (a self-hosted, single-tenant deployment); the metadata
/// addresses are refused always. Names are judged as written here, when the agent is saved and when a call picks its
/// providers; the provider clients for agent endpoints check the resolved address again when they connect.
/// </summary>
public sealed class AgentEndpointRules(ToolTargetSettings targets)
{
    /// <returns>Null when the agent's endpoint may be used, else why not (for the <c>provider.fallback</c> entry).</returns>
    public string? Refusal(string? baseUrl)
    {
        if (baseUrl is null || !Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri))
        {
            return null;
        }

        if (IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address))
        {
            if (ToolTargetRules.IsMetadataAddress(address))
            {
                return "address refused";
            }

            return !targets.AllowPrivateTargets && ToolTargetRules.IsRefusedAddress(address) ? "address refused" : null;
        }

        return ToolTargetRules.IsLocalhostName(uri.IdnHost) && !targets.AllowPrivateTargets ? "address refused" : null;
    }
}

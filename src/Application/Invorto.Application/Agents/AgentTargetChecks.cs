using Invorto.Application.Agents.Configuration;
using Invorto.Application.Tools;

namespace Invorto.Application.Agents;

/// <summary>
/// What an agent save refuses beyond the configuration's own shape: a platform tool whose target
/// <c>POST /v1/tools/validate</c> would refuse (<see cref="ToolTargetChecks"/>), and a provider <c>baseUrl</c> (primary or
/// fallback) that calls may not use (<see cref="AgentEndpointRules"/>). Problems are keyed by the JSON path in the request.
/// </summary>
public sealed class AgentTargetChecks(ToolTargetChecks tools, AgentEndpointRules endpoints)
{
    private const string Root = AgentConfigParser.Root;

    public async Task<IReadOnlyDictionary<string, string[]>> ProblemsAsync(Guid tenantId, IReadOnlyCollection<string> allowedToolHosts, AgentConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = new List<(string Path, string Message)>();
        for (var i = 0; i < config.Tools.Count; i++)
        {
            var tool = config.Tools[i];
            if (tool.ClientSide)
            {
                continue;
            }

            var found = new List<ToolTargetProblem>(tools.Url(tool.Url, allowedToolHosts));
            found.AddRange(ToolTargetChecks.Placeholders(tool.Url, tool.InputSchema));
            found.AddRange(await tools.SecretsAsync(tenantId, ToolTargetChecks.SecretPlaces(tool.Url, tool.Headers), cancellationToken));
            problems.AddRange(found.Select(problem => ($"{Root}.tools[{i}].{problem.Field}", problem.Message)));
        }

        AddEndpoint(problems, "llm.baseUrl", config.Llm.BaseUrl);
        AddEndpoint(problems, "llm.fallback.baseUrl", config.Llm.Fallback?.BaseUrl);
        AddEndpoint(problems, "voice.baseUrl", config.Voice.BaseUrl);
        AddEndpoint(problems, "voice.fallback.baseUrl", config.Voice.Fallback?.BaseUrl);
        AddEndpoint(problems, "asr.baseUrl", config.Asr.BaseUrl);
        AddEndpoint(problems, "asr.fallback.baseUrl", config.Asr.Fallback?.BaseUrl);
        return problems
            .GroupBy(problem => problem.Path, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(problem => problem.Message).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
    }

    private void AddEndpoint(List<(string, string)> problems, string path, string? baseUrl)
    {
        if (endpoints.Refusal(baseUrl) is not null)
        {
            problems.Add(($"{Root}.{path}", "is a loopback, private, link-local or metadata address; provider endpoints must be public (private ones only where WEBHOOK_ALLOW_PRIVATE_TARGETS is true)"));
        }
    }
}

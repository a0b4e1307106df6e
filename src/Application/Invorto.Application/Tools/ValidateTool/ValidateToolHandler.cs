using System.Text.Json;
using Invorto.Application.Abstractions;
using Invorto.Application.Agents.Configuration;
using Invorto.Application.Common;
using Invorto.Domain.Tenants;

namespace Invorto.Application.Tools.ValidateTool;

/// <summary>
/// Checks one tool definition the way an agent save checks its tools: strict fields and ranges, then
/// <see cref="ToolTargetChecks"/> (https, the SSRF guard on literal addresses, the tenant's <c>allowedToolHosts</c>, URL
/// placeholders against <c>inputSchema</c>, the tenant's secrets).
/// The answer is always a verdict, never a 400: an invalid tool is what the caller asked about.
/// </summary>
public sealed class ValidateToolHandler(IReadRepository<Tenant> tenants, ToolTargetChecks checks)
{
    private const string ToolPath = AgentConfigParser.Root + ".tools[0]";

    public async Task<Result<ToolValidationDto>> HandleAsync(ValidateToolCommand command, CancellationToken cancellationToken)
    {
        var tenant = await tenants.GetByIdAsync(command.TenantId, cancellationToken);
        if (tenant is null)
        {
            return Error.NotFound("The tenant");
        }

        var problems = new List<ToolProblemDto>();
        if (command.Tool is not { ValueKind: JsonValueKind.Object } tool)
        {
            problems.Add(new ToolProblemDto(string.Empty, "must be a JSON object: one tool definition", ToolProblemDto.Error));
            return Verdict(problems);
        }

        CheckDefinition(tool, problems);
        var url = tool.TryGetProperty("url", out var urlElement) && urlElement.ValueKind == JsonValueKind.String ? urlElement.GetString()! : null;
        var targetProblems = new List<ToolTargetProblem>();
        if (url is not null)
        {
            targetProblems.AddRange(checks.Url(url, tenant.AllowedToolHosts));
            targetProblems.AddRange(ToolTargetChecks.Placeholders(url, tool.TryGetProperty("inputSchema", out var schema) ? schema : null));
        }

        var headers = tool.TryGetProperty("headers", out var headersElement) && headersElement.ValueKind == JsonValueKind.Object
            ? headersElement.EnumerateObject().Where(header => header.Value.ValueKind == JsonValueKind.String).Select(header => KeyValuePair.Create(header.Name, header.Value.GetString()!))
            : [];
        targetProblems.AddRange(await checks.SecretsAsync(command.TenantId, ToolTargetChecks.SecretPlaces(url, headers), cancellationToken));
        problems.AddRange(targetProblems.Select(problem => new ToolProblemDto(problem.Field, problem.Message, ToolProblemDto.Error)));
        return Verdict(problems);
    }

    private static ToolValidationDto Verdict(List<ToolProblemDto> problems) =>
        new(problems.TrueForAll(problem => problem.Severity != ToolProblemDto.Error), problems);

    private static void CheckDefinition(JsonElement tool, List<ToolProblemDto> problems)
    {
        using var config = JsonDocument.Parse($$"""{"prompt":"-","tools":[{{tool.GetRawText()}}]}""");
        var parsed = AgentConfigParser.Parse(config.RootElement);
        foreach (var (path, messages) in parsed.Errors)
        {
            var field = path == ToolPath ? string.Empty : path.StartsWith(ToolPath + ".", StringComparison.Ordinal) ? path[(ToolPath.Length + 1)..] : path;
            problems.AddRange(messages.Select(message => new ToolProblemDto(field, message, ToolProblemDto.Error)));
        }
    }
}

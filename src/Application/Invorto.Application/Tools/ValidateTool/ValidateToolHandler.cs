using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Invorto.Application.Abstractions;
using Invorto.Application.Agents.Configuration;
using Invorto.Application.Common;
using Invorto.Application.Secrets;
using Invorto.Application.Secrets.Specifications;
using Invorto.Domain.Secrets;
using Invorto.Domain.Tenants;

namespace Invorto.Application.Tools.ValidateTool;

/// <summary>
/// Checks one tool definition the way an agent's configuration checks its tools (strict fields, spec §3 ranges), then
/// what only the tenant's context can tell: URL placeholders against <c>inputSchema</c>, https, the SSRF guard on
/// literal addresses (spec §9), the tenant's <c>allowedToolHosts</c> and that every <c>${secrets.name}</c> names one of
/// the tenant's secrets.
/// The answer is always a verdict, never a 400: an invalid tool is what the caller asked about.
/// </summary>
public sealed partial class ValidateToolHandler(IReadRepository<Tenant> tenants, IReadRepository<TenantSecret> secrets, ToolTargetSettings targets)
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
        if (url is not null)
        {
            CheckTarget(url, tenant.AllowedToolHosts, problems);
            CheckPlaceholders(url, tool, problems);
        }

        await CheckSecretsAsync(command.TenantId, tool, url, problems, cancellationToken);
        return Verdict(problems);
    }

    private static ToolValidationDto Verdict(List<ToolProblemDto> problems) =>
        new(problems.TrueForAll(problem => problem.Severity != ToolProblemDto.Error), problems);

    private void CheckDefinition(JsonElement tool, List<ToolProblemDto> problems)
    {
        using var config = JsonDocument.Parse($$"""{"prompt":"-","tools":[{{tool.GetRawText()}}]}""");
        var parsed = AgentConfigParser.Parse(config.RootElement);
        foreach (var (path, messages) in parsed.Errors)
        {
            var field = path == ToolPath ? string.Empty : path.StartsWith(ToolPath + ".", StringComparison.Ordinal) ? path[(ToolPath.Length + 1)..] : path;
            foreach (var message in messages)
            {
                // With private targets allowed, http is allowed too (spec §9); the agent validator knows only https.
                if (targets.AllowPrivateTargets && field == "url" && IsHttpUrl(tool))
                {
                    continue;
                }

                problems.Add(new ToolProblemDto(field, message, ToolProblemDto.Error));
            }
        }
    }

    private void CheckTarget(string url, IReadOnlyCollection<string> allowedHosts, List<ToolProblemDto> problems)
    {
        var authority = AuthorityPattern().Match(url);
        if (authority.Success && authority.Groups["authority"].Value.Contains('{', StringComparison.Ordinal))
        {
            problems.Add(new ToolProblemDto("url", "placeholders may appear in the path and query only, never in the host", ToolProblemDto.Error));
            return;
        }

        if (!Uri.TryCreate(ToolTargetRules.WithoutPlaceholders(url), UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return;
        }

        var host = uri.Host.Trim('[', ']');
        var isPrivate = IPAddress.TryParse(host, out var address)
            ? ToolTargetRules.IsRefusedAddress(address)
            : host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
        if (isPrivate && !targets.AllowPrivateTargets)
        {
            problems.Add(new ToolProblemDto("url", $"'{host}' is a loopback, private or link-local address; tools may only call public hosts", ToolProblemDto.Error));
        }

        if (!ToolTargetRules.IsHostAllowed(host, allowedHosts))
        {
            problems.Add(new ToolProblemDto("url", $"host '{host}' is not on the tenant's allowedToolHosts ({string.Join(", ", allowedHosts)})", ToolProblemDto.Error));
        }
    }

    private static void CheckPlaceholders(string url, JsonElement tool, List<ToolProblemDto> problems)
    {
        var placeholders = ToolTargetRules.Placeholders(url);
        if (placeholders.Count == 0)
        {
            return;
        }

        var schema = tool.TryGetProperty("inputSchema", out var inputSchema) && inputSchema.ValueKind == JsonValueKind.Object ? inputSchema : default;
        var properties = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object
            ? props.EnumerateObject().Select(property => property.Name).ToHashSet(StringComparer.Ordinal)
            : [];
        var required = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("required", out var req) && req.ValueKind == JsonValueKind.Array
            ? req.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];

        foreach (var name in placeholders)
        {
            if (!properties.Contains(name))
            {
                problems.Add(new ToolProblemDto("url", $"placeholder {{{name}}} is not a property of inputSchema", ToolProblemDto.Error));
            }
            else if (!required.Contains(name))
            {
                problems.Add(new ToolProblemDto("inputSchema.required", $"must list '{name}': the URL cannot be built without it", ToolProblemDto.Error));
            }
        }
    }

    private async Task CheckSecretsAsync(Guid tenantId, JsonElement tool, string? url, List<ToolProblemDto> problems, CancellationToken cancellationToken)
    {
        var places = new List<(string Field, string Text)>();
        if (url is not null)
        {
            places.Add(("url", url));
        }

        if (tool.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object)
        {
            places.AddRange(headers.EnumerateObject()
                .Where(header => header.Value.ValueKind == JsonValueKind.String)
                .Select(header => ($"headers.{header.Name}", header.Value.GetString()!)));
        }

        var references = places.SelectMany(place => ToolTargetRules.SecretReferences(place.Text).Select(name => (place.Field, Name: name))).ToList();
        if (references.Count == 0)
        {
            return;
        }

        var stored = (await secrets.ListAsync(new TenantSecretNamesSpec(tenantId), cancellationToken)).ToHashSet(StringComparer.Ordinal);
        foreach (var (field, name) in references)
        {
            if (!TenantSecret.IsValidName(name))
            {
                problems.Add(new ToolProblemDto(field, $"'${{secrets.{name}}}' is not a valid secret reference (a secret name {SecretNameRules.Message})", ToolProblemDto.Error));
            }
            else if (!stored.Contains(name))
            {
                problems.Add(new ToolProblemDto(field, $"secret '{name}' does not exist for this tenant; create it with PUT /v1/secrets/{name} or the tool fails at call time", ToolProblemDto.Error));
            }
        }
    }

    private static bool IsHttpUrl(JsonElement tool) =>
        tool.TryGetProperty("url", out var url)
        && url.ValueKind == JsonValueKind.String
        && Uri.TryCreate(ToolTargetRules.WithoutPlaceholders(url.GetString()!), UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttp
        && !string.IsNullOrEmpty(uri.Host);

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*://(?<authority>[^/?#]*)")]
    private static partial Regex AuthorityPattern();
}

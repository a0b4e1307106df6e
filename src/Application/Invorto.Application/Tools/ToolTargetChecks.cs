using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Invorto.Application.Abstractions;
using Invorto.Application.Secrets;
using Invorto.Application.Secrets.Specifications;
using Invorto.Domain.Secrets;

namespace Invorto.Application.Tools;

/// <summary>
/// The checks of a platform tool's target that need the deployment's or the tenant's context, shared by
/// <c>POST /v1/tools/validate</c> and every agent save: https (http only with private targets allowed), no placeholder in
/// the host, the SSRF guard on literal addresses, the tenant's <c>allowedToolHosts</c>, URL placeholders against
/// <c>inputSchema</c>, and every <c>${secrets.name}</c> naming one of the tenant's secrets.
/// </summary>
public sealed partial class ToolTargetChecks(ToolTargetSettings targets, IReadRepository<TenantSecret> secrets)
{
    public IReadOnlyList<ToolTargetProblem> Url(string url, IReadOnlyCollection<string> allowedHosts)
    {
        ArgumentNullException.ThrowIfNull(url);
        var authority = AuthorityPattern().Match(url);
        if (authority.Success && authority.Groups["authority"].Value.Contains('{', StringComparison.Ordinal))
        {
            return [new("url", "placeholders may appear in the path and query only, never in the host")];
        }

        if (!Uri.TryCreate(ToolTargetRules.WithoutPlaceholders(url), UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return [];
        }

        var problems = new List<ToolTargetProblem>();
        if (uri.Scheme == Uri.UriSchemeHttp && !targets.AllowPrivateTargets)
        {
            problems.Add(new("url", "must be an https URL (http only where WEBHOOK_ALLOW_PRIVATE_TARGETS is true)"));
        }

        var host = uri.Host.Trim('[', ']');
        var address = IPAddress.TryParse(host, out var literal) ? literal : null;
        var isPrivate = address is not null
            ? ToolTargetRules.IsRefusedAddress(address)
            : ToolTargetRules.IsLocalhostName(host);
        if (address is not null && ToolTargetRules.IsMetadataAddress(address))
        {
            problems.Add(new("url", $"'{host}' is the cloud metadata service; tools never call it"));
        }
        else if (isPrivate && !targets.AllowPrivateTargets)
        {
            problems.Add(new("url", $"'{host}' is a loopback, private or link-local address; tools may only call public hosts"));
        }

        if (!ToolTargetRules.IsHostAllowed(host, allowedHosts))
        {
            problems.Add(new("url", $"host '{host}' is not on the tenant's allowedToolHosts ({string.Join(", ", allowedHosts)})"));
        }

        return problems;
    }

    /// <summary>Every <c>{name}</c> of the URL must be a required property of <paramref name="inputSchema"/>.</summary>
    public static IReadOnlyList<ToolTargetProblem> Placeholders(string url, JsonElement? inputSchema)
    {
        var placeholders = ToolTargetRules.Placeholders(url);
        if (placeholders.Count == 0)
        {
            return [];
        }

        var schema = inputSchema is { ValueKind: JsonValueKind.Object } value ? value : default;
        var properties = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object
            ? props.EnumerateObject().Select(property => property.Name).ToHashSet(StringComparer.Ordinal)
            : [];
        var required = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("required", out var req) && req.ValueKind == JsonValueKind.Array
            ? req.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];

        var problems = new List<ToolTargetProblem>();
        foreach (var name in placeholders)
        {
            if (!properties.Contains(name))
            {
                problems.Add(new("url", $"placeholder {{{name}}} is not a property of inputSchema"));
            }
            else if (!required.Contains(name))
            {
                problems.Add(new("inputSchema.required", $"must list '{name}': the URL cannot be built without it"));
            }
        }

        return problems;
    }

    /// <summary>The tool's URL and string headers, the places a <c>${secrets.name}</c> may appear, by field.</summary>
    public static IReadOnlyList<(string Field, string Text)> SecretPlaces(string? url, IEnumerable<KeyValuePair<string, string>> headers)
    {
        var places = new List<(string, string)>();
        if (url is not null)
        {
            places.Add(("url", url));
        }

        places.AddRange(headers.Select(header => ($"headers.{header.Key}", header.Value)));
        return places;
    }

    /// <summary>Every <c>${secrets.name}</c> in <paramref name="places"/> must be a valid name of a secret the tenant has.</summary>
    public async Task<IReadOnlyList<ToolTargetProblem>> SecretsAsync(Guid tenantId, IReadOnlyList<(string Field, string Text)> places, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(places);
        var references = places.SelectMany(place => ToolTargetRules.SecretReferences(place.Text).Select(name => (place.Field, Name: name))).ToList();
        if (references.Count == 0)
        {
            return [];
        }

        var stored = (await secrets.ListAsync(new TenantSecretNamesSpec(tenantId), cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var problems = new List<ToolTargetProblem>();
        foreach (var (field, name) in references)
        {
            if (!TenantSecret.IsValidName(name))
            {
                problems.Add(new(field, $"'${{secrets.{name}}}' is not a valid secret reference (a secret name {SecretNameRules.Message})"));
            }
            else if (!stored.Contains(name))
            {
                problems.Add(new(field, $"secret '{name}' does not exist for this tenant; create it with PUT /v1/secrets/{name} or the tool fails at call time"));
            }
        }

        return problems;
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*://(?<authority>[^/?#]*)")]
    private static partial Regex AuthorityPattern();
}

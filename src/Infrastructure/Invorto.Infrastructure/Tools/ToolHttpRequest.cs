using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Invorto.Application.Agents.Configuration;
using Invorto.Application.Tools;

namespace Invorto.Infrastructure.Tools;

/// <summary>
/// One tool call made concrete: the URL template with its <c>{placeholders}</c> filled from the arguments (URL-encoded)
/// and its <c>${secrets.name}</c> references resolved, in a single pass so neither can inject the other; the remaining
/// arguments as the JSON body (POST, PUT, PATCH) or as query parameters (GET, DELETE); the tool's headers with their
/// secrets. It makes a fresh <see cref="HttpRequestMessage"/> for every attempt. Deliberately not a record: it holds
/// secret values, and nothing may print it.
/// </summary>
internal sealed partial class ToolHttpRequest
{
    /// <summary>Headers a tool may not set: the transport owns them, or the platform does (the allow-list judges the URL's host).</summary>
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Transfer-Encoding", "Connection", "Idempotency-Key",
    };

    private readonly List<KeyValuePair<string, string>> _headers;

    private ToolHttpRequest(HttpMethod method, Uri url, List<KeyValuePair<string, string>> headers, string? body)
    {
        Method = method;
        Url = url;
        _headers = headers;
        Body = body;
    }

    public HttpMethod Method { get; }

    public Uri Url { get; }

    public string? Body { get; }

    /// <summary>The request, or null with <paramref name="problem"/> when the URL cannot be built from these arguments.</summary>
    public static ToolHttpRequest? Build(ToolDefinition tool, JsonElement arguments, IReadOnlyDictionary<string, string> secrets, out string? problem)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        string? missing = null;
        var url = ReferencePattern().Replace(tool.Url, match =>
        {
            if (match.Groups["secret"].Success)
            {
                return Uri.EscapeDataString(secrets[match.Groups["secret"].Value]);
            }

            var name = match.Groups["argument"].Value;
            if (!arguments.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                missing ??= name;
                return string.Empty;
            }

            used.Add(name);
            return Uri.EscapeDataString(Text(value));
        });
        if (missing is not null)
        {
            problem = $"the URL needs the argument '{missing}'";
            return null;
        }

        var method = new HttpMethod(tool.Method.ToUpperInvariant());
        var sendsBody = method == HttpMethod.Post || method == HttpMethod.Put || method == HttpMethod.Patch;
        var rest = arguments.EnumerateObject().Where(property => !used.Contains(property.Name)).ToList();
        string? body = null;
        if (sendsBody)
        {
            body = JsonBody(rest);
        }
        else if (Query(rest) is { Length: > 0 } query)
        {
            url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            problem = "the tool's URL is not an absolute URL";
            return null;
        }

        var headers = tool.Headers
            .Where(header => !ReservedHeaders.Contains(header.Key))
            .Select(header => KeyValuePair.Create(header.Key, SecretPattern().Replace(header.Value, match => secrets[match.Groups["secret"].Value])))
            .ToList();
        problem = null;
        return new ToolHttpRequest(method, uri, headers, body);
    }

    /// <summary>The names of the secrets the tool's URL and headers reference.</summary>
    public static IEnumerable<string> SecretsOf(ToolDefinition tool) =>
        tool.Headers.Values.Prepend(tool.Url).SelectMany(ToolTargetRules.SecretReferences).Distinct(StringComparer.Ordinal);

    public HttpRequestMessage CreateMessage(string idempotencyKey)
    {
        var message = new HttpRequestMessage(Method, Url);
        if (Body is not null)
        {
            message.Content = new StringContent(Body, Encoding.UTF8, "application/json");
        }

        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        foreach (var (name, value) in _headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value) && message.Content is not null)
            {
                message.Content.Headers.Remove(name);
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        message.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        return message;
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        _ => value.GetRawText(),
    };

    private static string Query(List<JsonProperty> arguments) =>
        string.Join('&', arguments
            .Where(argument => argument.Value.ValueKind != JsonValueKind.Null)
            .Select(argument => string.Create(CultureInfo.InvariantCulture, $"{Uri.EscapeDataString(argument.Name)}={Uri.EscapeDataString(Text(argument.Value))}")));

    private static string JsonBody(List<JsonProperty> arguments)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var argument in arguments)
            {
                argument.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    [GeneratedRegex(@"\$\{secrets\.(?<secret>[^}]*)\}|\{(?<argument>[A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(@"\$\{secrets\.(?<secret>[^}]*)\}")]
    private static partial Regex SecretPattern();
}

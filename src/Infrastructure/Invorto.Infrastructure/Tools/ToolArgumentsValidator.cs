using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Invorto.Application.Agents.Configuration;
using Json.Schema;

namespace Invorto.Infrastructure.Tools;

/// <summary>
/// Checks the model's arguments against a tool's <c>inputSchema</c> (JSON Schema, JsonSchema.Net) before anything is
/// sent. The schema is built once per tool definition and kept as long as the definition lives. Each schema is built
/// into a registry of its own, so one tenant's <c>$id</c> never becomes visible to another's <c>$ref</c>, and remote
/// references are never fetched.
/// </summary>
public sealed class ToolArgumentsValidator
{
    private const int MaxProblemChars = 300;
    private const string UnusableSchema = "the tool's inputSchema is not a usable JSON Schema";

    private readonly ConditionalWeakTable<ToolDefinition, BuiltSchema> _schemas = new();

    /// <summary>The arguments as a JSON object, or null with <paramref name="problem"/> saying why the model's call is refused.</summary>
    public JsonElement? Check(ToolDefinition tool, string argumentsJson, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(tool);
        JsonElement arguments;
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(argumentsJson) ? "{}" : argumentsJson);
            arguments = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            problem = "the arguments are not valid JSON";
            return null;
        }

        if (arguments.ValueKind != JsonValueKind.Object)
        {
            problem = "the arguments must be a JSON object";
            return null;
        }

        var built = _schemas.GetValue(tool, Build);
        if (built.Problem is not null)
        {
            problem = built.Problem;
            return null;
        }

        if (built.Schema is null)
        {
            problem = null;
            return arguments;
        }

        try
        {
            var results = built.Schema.Evaluate(arguments, new EvaluationOptions { OutputFormat = OutputFormat.List });
            problem = results.IsValid ? null : Describe(results);
        }
        catch (Exception exception) when (IsUnusableSchema(exception))
        {
            problem = UnusableSchema;
        }

        return problem is null ? arguments : null;
    }

    private static BuiltSchema Build(ToolDefinition tool)
    {
        if (tool.InputSchema is not { } schema || schema.ValueKind == JsonValueKind.Null)
        {
            return new BuiltSchema(null, null);
        }

        try
        {
            return new BuiltSchema(JsonSchema.Build(schema, new BuildOptions { SchemaRegistry = new SchemaRegistry() }), null);
        }
        catch (Exception exception) when (IsUnusableSchema(exception))
        {
            return new BuiltSchema(null, UnusableSchema);
        }
    }

    /// <summary>References are resolved when the schema is built or, for some, only when it is evaluated: both mean the same.</summary>
    private static bool IsUnusableSchema(Exception exception) =>
        exception is JsonSchemaException or RefResolutionException or JsonException or ArgumentException or InvalidOperationException;

    private static string Describe(EvaluationResults results)
    {
        var text = new StringBuilder("the arguments do not match the tool's inputSchema:");
        var failures = (results.Details ?? []).Prepend(results).Where(detail => detail.Errors is { Count: > 0 });
        foreach (var detail in failures)
        {
            foreach (var error in detail.Errors!)
            {
                var at = detail.InstanceLocation.ToString();
                text.Append(' ').Append(at.Length == 0 ? "/" : at).Append(' ').Append(error.Value).Append(';');
                if (text.Length >= MaxProblemChars)
                {
                    return text.ToString(0, MaxProblemChars) + "…";
                }
            }
        }

        return text.ToString().TrimEnd(';');
    }

    private sealed record BuiltSchema(JsonSchema? Schema, string? Problem);
}

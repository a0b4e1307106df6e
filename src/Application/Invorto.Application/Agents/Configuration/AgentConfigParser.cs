using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Invorto.Application.Agents.Configuration;

/// <summary>
/// Reads the client's <c>config</c> strictly: every property must be a known field of spec §3 with the right JSON
/// type (a typo such as <c>silenceMS</c> is refused by name, never ignored), then the ranges of
/// <see cref="AgentConfigValidator"/> apply. Missing fields take their defaults.
/// </summary>
public static class AgentConfigParser
{
    public const string Root = "config";

    private static readonly AgentConfigValidator Validator = new();
    private static readonly ConcurrentDictionary<PropertyInfo, bool> NullableReferences = new();
    private static readonly ConcurrentDictionary<Type, bool> ObjectTypes = new();

    /// <summary>camelCase, no indentation, nulls written so the defaults are visible.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = CreateOptions();

    public static AgentConfigParseResult Parse(JsonElement? config)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (config is not { ValueKind: JsonValueKind.Object } element)
        {
            Add(errors, Root, "is required and must be a JSON object");
            return Failure(errors);
        }

        CheckObject(element, typeof(AgentConfig), Root, errors);
        if (errors.Count > 0)
        {
            return Failure(errors);
        }

        var parsed = element.Deserialize<AgentConfig>(SerializerOptions)!;
        var validation = Validator.Validate(parsed);
        foreach (var failure in validation.Errors)
        {
            Add(errors, ToJsonPath(failure.PropertyName), failure.ErrorMessage);
        }

        return errors.Count > 0
            ? Failure(errors)
            : new AgentConfigParseResult(parsed, JsonSerializer.Serialize(parsed, SerializerOptions), new Dictionary<string, string[]>(StringComparer.Ordinal));
    }

    /// <summary>Turns a validator property path (<c>Tools[0].TimeoutMs</c>) into the client's JSON path (<c>config.tools[0].timeoutMs</c>).</summary>
    internal static string ToJsonPath(string propertyName)
    {
        if (string.IsNullOrEmpty(propertyName))
        {
            return Root;
        }

        var segments = propertyName.Split('.').Select(segment => JsonNamingPolicy.CamelCase.ConvertName(segment));
        return $"{Root}.{string.Join('.', segments)}";
    }

    private static void CheckObject(JsonElement element, Type type, string path, Dictionary<string, List<string>> errors)
    {
        var properties = SerializerOptions.GetTypeInfo(type).Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var propertyPath = $"{path}.{property.Name}";
            if (!seen.Add(property.Name))
            {
                Add(errors, propertyPath, "is given more than once");
            }
            else if (!properties.TryGetValue(property.Name, out var info))
            {
                Add(errors, propertyPath, "is not a known field");
            }
            else
            {
                CheckValue(property.Value, info.PropertyType, IsNullable(info), propertyPath, errors);
            }
        }
    }

    private static void CheckValue(JsonElement value, Type type, bool nullable, string path, Dictionary<string, List<string>> errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (!nullable)
            {
                Add(errors, path, "must not be null");
            }

            return;
        }

        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string))
        {
            Expect(value.ValueKind == JsonValueKind.String, path, "must be a string", errors);
        }
        else if (underlying == typeof(int))
        {
            Expect(value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _), path, "must be an integer", errors);
        }
        else if (underlying == typeof(double))
        {
            Expect(value.ValueKind == JsonValueKind.Number, path, "must be a number", errors);
        }
        else if (underlying == typeof(bool))
        {
            Expect(value.ValueKind is JsonValueKind.True or JsonValueKind.False, path, "must be true or false", errors);
        }
        else if (underlying == typeof(JsonElement))
        {
            Expect(value.ValueKind == JsonValueKind.Object, path, "must be a JSON object", errors);
        }
        else if (underlying == typeof(IReadOnlyDictionary<string, string>))
        {
            if (Expect(value.ValueKind == JsonValueKind.Object, path, "must be an object", errors))
            {
                foreach (var entry in value.EnumerateObject())
                {
                    CheckValue(entry.Value, typeof(string), nullable: false, $"{path}.{entry.Name}", errors);
                }
            }
        }
        else if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            if (Expect(value.ValueKind == JsonValueKind.Array, path, "must be an array", errors))
            {
                var itemType = underlying.GetGenericArguments()[0];
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    CheckValue(item, itemType, nullable: false, $"{path}[{index++}]", errors);
                }
            }
        }
        else if (ObjectTypes.GetOrAdd(underlying, t => t.IsClass && t.Namespace == typeof(AgentConfig).Namespace))
        {
            if (Expect(value.ValueKind == JsonValueKind.Object, path, "must be an object", errors))
            {
                CheckObject(value, underlying, path, errors);
            }
        }
        else
        {
            throw new InvalidOperationException($"The agent configuration has a field of unsupported type {underlying} at {path}.");
        }
    }

    private static bool IsNullable(JsonPropertyInfo info)
    {
        if (Nullable.GetUnderlyingType(info.PropertyType) is not null)
        {
            return true;
        }

        return info.AttributeProvider is PropertyInfo property
            && !property.PropertyType.IsValueType
            && NullableReferences.GetOrAdd(property, p => new NullabilityInfoContext().Create(p).WriteState == NullabilityState.Nullable);
    }

    private static bool Expect(bool condition, string path, string message, Dictionary<string, List<string>> errors)
    {
        if (!condition)
        {
            Add(errors, path, message);
        }

        return condition;
    }

    private static void Add(Dictionary<string, List<string>> errors, string path, string message)
    {
        if (!errors.TryGetValue(path, out var messages))
        {
            errors[path] = messages = [];
        }

        if (!messages.Contains(message, StringComparer.Ordinal))
        {
            messages.Add(message);
        }
    }

    private static AgentConfigParseResult Failure(Dictionary<string, List<string>> errors) =>
        new(null, null, errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal));

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNameCaseInsensitive = false,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        return options;
    }
}

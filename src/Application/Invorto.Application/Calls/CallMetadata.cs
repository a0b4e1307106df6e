using System.Text;
using System.Text.Json;

namespace Invorto.Application.Calls;

/// <summary>
/// The tenant's own data on a call (decision): a JSON object of at most <see cref="MaxKeys"/> keys of 1 to
/// <see cref="MaxKeyLength"/> characters whose values are strings, numbers or booleans (no nesting, no null), at most
/// <see cref="MaxBytes"/> bytes once serialized. Problems are reported per key as <c>metadata.&lt;key&gt;</c>.
/// </summary>
public static class CallMetadata
{
    public const string Field = "metadata";
    public const int MaxKeys = 50;
    public const int MaxKeyLength = 64;
    public const int MaxBytes = 8 * 1024;

    /// <summary>Reports each problem of <paramref name="metadata"/> as (JSON path, message); nothing when it is acceptable.</summary>
    public static void Check(JsonElement metadata, Action<string, string> fail)
    {
        if (metadata.ValueKind != JsonValueKind.Object)
        {
            fail(Field, "must be a JSON object of string, number or boolean values");
            return;
        }

        var count = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in metadata.EnumerateObject())
        {
            count++;
            var path = $"{Field}.{property.Name}";
            if (property.Name.Length is 0 or > MaxKeyLength)
            {
                fail(Field, $"keys must have 1 to {MaxKeyLength} characters");
            }
            else if (!seen.Add(property.Name))
            {
                fail(path, "is given more than once");
            }
            else if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
            {
                fail(path, "must be a string, a number or a boolean");
            }
        }

        if (count > MaxKeys)
        {
            fail(Field, $"must have at most {MaxKeys} keys (has {count})");
        }

        if (Encoding.UTF8.GetByteCount(Serialize(metadata)) > MaxBytes)
        {
            fail(Field, $"must be at most {MaxBytes} bytes once serialized");
        }
    }

    /// <summary>The compact JSON text stored in <c>calls.metadata</c>.</summary>
    public static string Serialize(JsonElement metadata) => JsonSerializer.Serialize(metadata);
}

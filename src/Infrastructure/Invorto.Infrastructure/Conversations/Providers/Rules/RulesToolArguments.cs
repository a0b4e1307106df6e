using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Invorto.Application.Agents.Configuration;

namespace Invorto.Infrastructure.Conversations.Providers.Rules;

/// <summary>
/// Fills a tool's arguments from the caller's last utterance, property by property of its <c>inputSchema</c>:
/// <list type="bullet">
/// <item><c>integer</c>/<c>number</c>: the first number said, in digits or words ("two tickets" → 2), that is not part of
/// a time of day ("at 3 pm for 4 people" → 4); left out when none.</item>
/// <item><c>boolean</c>: true for a yes-word, false for a no-word; left out when neither (or both).</item>
/// <item><c>string</c> with an <c>enum</c>: the first value whose words the caller said; left out when none.</item>
/// <item><c>string</c> named like a day or date (or <c>format: date</c>): the day word said (today, tomorrow, monday…);
/// named like a time (or <c>format: time</c>): the time said ("3 pm", "10:30 am", noon, morning…); <c>date-time</c>: both;
/// named like a phone number, id, code or number: the longest run of digits said ("four five six" → "456").</item>
/// <item>any other <c>string</c>, and a slot above that was not said: the whole utterance.</item>
/// </list>
/// Arrays, objects and properties of other types are left out; the tool's own validation decides whether that is enough.
/// </summary>
internal static class RulesToolArguments
{
    private static readonly string[] DayWords = ["today", "tonight", "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "weekend"];
    private static readonly string[] PartsOfDay = ["noon", "midnight", "morning", "afternoon", "evening", "night"];
    private static readonly string[] DigitNames = ["phone", "mobile", "number", "digits", "code", "pin", "zip", "postal", "otp"];

    public static string Build(ToolDefinition tool, string utterance)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (tool.InputSchema is { ValueKind: JsonValueKind.Object } schema
                && schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
            {
                var words = RulesText.Words(utterance);
                foreach (var property in properties.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.Object)
                    {
                        WriteProperty(json, property.Name, property.Value, words, utterance.Trim());
                    }
                }
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteProperty(Utf8JsonWriter json, string name, JsonElement schema, List<string> words, string utterance)
    {
        switch (TypeOf(schema))
        {
            case "integer" or "number":
                if (Quantity(words) is { } number && long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    json.WriteNumber(name, value);
                }

                break;
            case "boolean":
                if (RulesText.YesOrNo(words) is { } answer)
                {
                    json.WriteBoolean(name, answer);
                }

                break;
            case "string" when schema.TryGetProperty("enum", out var choices) && choices.ValueKind == JsonValueKind.Array:
                if (Choose(choices, utterance) is { } choice)
                {
                    json.WriteString(name, choice);
                }

                break;
            case "string":
                json.WriteString(name, Slot(name, schema, words) ?? utterance);
                break;
        }
    }

    private static string? TypeOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return schema.TryGetProperty("enum", out _) ? "string" : null;
        }

        if (type.ValueKind == JsonValueKind.String)
        {
            return type.GetString();
        }

        // ["string", "null"]: the first type that is not null.
        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()).FirstOrDefault(t => t != "null")
            : null;
    }

    private static string? Choose(JsonElement choices, string utterance)
    {
        var said = RulesText.Terms(utterance);
        foreach (var choice in choices.EnumerateArray())
        {
            if (choice.ValueKind == JsonValueKind.String && choice.GetString() is { Length: > 0 } value)
            {
                var terms = RulesText.Terms(value);
                if (terms.Count > 0 && terms.All(said.Contains))
                {
                    return value;
                }
            }
        }

        return null;
    }

    private static string? Slot(string name, JsonElement schema, List<string> words)
    {
        var format = schema.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        var lower = name.ToLowerInvariant();
        if (format == "date-time" || lower.Contains("datetime", StringComparison.Ordinal) || lower.Contains("date_time", StringComparison.Ordinal))
        {
            var both = string.Join(' ', new[] { Day(words), Time(words) }.Where(part => part is not null));
            return both.Length > 0 ? both : null;
        }

        if (format == "date" || lower.Contains("date", StringComparison.Ordinal) || lower.Contains("day", StringComparison.Ordinal))
        {
            return Day(words);
        }

        if (format == "time" || lower.Contains("time", StringComparison.Ordinal) || lower.Contains("hour", StringComparison.Ordinal))
        {
            return Time(words);
        }

        var digitLike = DigitNames.Any(part => lower.Contains(part, StringComparison.Ordinal)) || lower == "id" || lower.EndsWith("_id", StringComparison.Ordinal)
            || lower.EndsWith("id", StringComparison.Ordinal) && name.EndsWith("Id", StringComparison.Ordinal);
        return digitLike ? Digits(words) : null;
    }

    private static string? Day(List<string> words) => words.FirstOrDefault(word => DayWords.Contains(word));

    private static string? Time(List<string> words) => FindTime(words) is { } time ? time.Text : words.FirstOrDefault(word => PartsOfDay.Contains(word));

    private static string? Quantity(List<string> words)
    {
        var time = FindTime(words);
        for (var i = 0; i < words.Count; i++)
        {
            if (RulesText.IsNumber(words[i]) && (time is null || i < time.Start || i >= time.Start + time.Length))
            {
                return words[i];
            }
        }

        return null;
    }

    /// <summary>The first "3 pm", "3 o'clock", "10:30" or "ten thirty am" said, with the words it spans.</summary>
    private static TimeOfDay? FindTime(List<string> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (!RulesText.IsNumber(words[i]) || !int.TryParse(words[i], NumberStyles.None, CultureInfo.InvariantCulture, out var hour) || hour > 24)
            {
                continue;
            }

            var next = i + 1 < words.Count ? words[i + 1] : null;
            if (next is "am" or "pm" or "oclock")
            {
                return new TimeOfDay(next == "oclock" ? $"{hour} o'clock" : $"{hour} {next}", i, 2);
            }

            if (next is not null && RulesText.IsNumber(next) && int.TryParse(next, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
                && minutes < 60 && (next.Length == 2 || minutes >= 10))
            {
                var meridiem = i + 2 < words.Count && words[i + 2] is "am" or "pm" ? words[i + 2] : null;
                return new TimeOfDay(meridiem is null ? $"{hour}:{minutes:00}" : $"{hour}:{minutes:00} {meridiem}", i, meridiem is null ? 2 : 3);
            }
        }

        return null;
    }

    private static string? Digits(List<string> words)
    {
        string? longest = null;
        var run = new System.Text.StringBuilder();
        foreach (var word in words.Append(string.Empty))
        {
            if (RulesText.IsNumber(word))
            {
                run.Append(word);
                continue;
            }

            if (run.Length > (longest?.Length ?? 0))
            {
                longest = run.ToString();
            }

            run.Clear();
        }

        return longest;
    }

    private sealed record TimeOfDay(string Text, int Start, int Length);
}

using System.Text.Json;

namespace Invorto.Bench.Realtime;

/// <summary>Reads the <c>t</c> of a server text frame without allocating.</summary>
public static class ServerEvents
{
    /// <summary>The event named by the first top-level <c>t</c> property of <paramref name="json"/> (which may be cut short).</summary>
    public static ServerEvent Classify(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: false, state: default);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return ServerEvent.Unknown;
            }

            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    return ServerEvent.Unknown;
                }

                var isType = reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("t"u8);
                if (!reader.Read())
                {
                    return ServerEvent.Unknown;
                }

                if (isType)
                {
                    return reader.TokenType == JsonTokenType.String ? Name(ref reader) : ServerEvent.Unknown;
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                {
                    return ServerEvent.Unknown;
                }
            }
        }
        catch (JsonException)
        {
            return ServerEvent.Unknown;
        }

        return ServerEvent.Unknown;
    }

    private static ServerEvent Name(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("ready"u8) ? ServerEvent.Ready
        : reader.ValueTextEquals("stt.partial"u8) ? ServerEvent.SttPartial
        : reader.ValueTextEquals("stt.final"u8) ? ServerEvent.SttFinal
        : reader.ValueTextEquals("llm.delta"u8) ? ServerEvent.LlmDelta
        : reader.ValueTextEquals("tool.call"u8) ? ServerEvent.ToolCall
        : reader.ValueTextEquals("control.bargein"u8) ? ServerEvent.BargeIn
        : reader.ValueTextEquals("emotion.window"u8) ? ServerEvent.EmotionWindow
        : reader.ValueTextEquals("error"u8) ? ServerEvent.Error
        : reader.ValueTextEquals("end"u8) ? ServerEvent.End
        : ServerEvent.Unknown;
}

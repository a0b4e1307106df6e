namespace Invorto.Bench.Realtime;

/// <summary>The <c>t</c> of a server text frame (spec §5.1).</summary>
public enum ServerEvent
{
    Unknown,
    Ready,
    SttPartial,
    SttFinal,
    LlmDelta,
    ToolCall,
    BargeIn,
    EmotionWindow,
    Error,
    End,
}

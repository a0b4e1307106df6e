namespace Invorto.Domain.Calls;

public enum CallCostType
{
    Transport = 0,
    Stt = 1,
    Tts = 2,
    Llm = 3,
    Platform = 4,
    Other = 5,
}

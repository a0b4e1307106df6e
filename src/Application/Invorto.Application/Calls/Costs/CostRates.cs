namespace Invorto.Application.Calls.Costs;

/// <summary>
/// What providers cost, in US dollars per unit, keyed <c>type:provider</c>: <c>stt:</c> and <c>transport:</c> and
/// <c>platform:</c> per minute, <c>tts:</c> per 1,000 characters, <c>llm-in:</c> and <c>llm-out:</c> per million tokens;
/// a provider without a rate costs nothing. <see cref="UsdInrRate"/> converts to the rupees calls are billed in.
/// </summary>
public sealed record CostRates(IReadOnlyDictionary<string, decimal> UsdPerUnit, decimal UsdInrRate)
{
    public const string Stt = "stt";
    public const string Tts = "tts";
    public const string LlmInput = "llm-in";
    public const string LlmOutput = "llm-out";
    public const string Transport = "transport";
    public const string Platform = "platform";

    public static IReadOnlyList<string> Types { get; } = [Stt, Tts, LlmInput, LlmOutput, Transport, Platform];

    /// <summary>List prices of December 2026 for the providers the platform ships with; an operator overrides any of them.</summary>
    public static IReadOnlyDictionary<string, decimal> Defaults { get; } = new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["stt:deepgram"] = 0.0077m,
        ["stt:openai"] = 0.006m,
        ["stt:pocketsphinx"] = 0m,
        ["tts:deepgram"] = 0.030m,
        ["tts:elevenlabs"] = 0.10m,
        ["tts:openai"] = 0.015m,
        ["tts:espeak"] = 0m,
        ["llm-in:openai"] = 0.15m,
        ["llm-out:openai"] = 0.60m,
        ["llm-in:rules"] = 0m,
        ["llm-out:rules"] = 0m,
        ["transport:jambonz"] = 0m,
        ["transport:twilio"] = 0.0125m,
        ["transport:web"] = 0m,
        ["platform:invorto"] = 0m,
    };

    public decimal UsdPer(string type, string provider) => UsdPerUnit.GetValueOrDefault($"{type}:{provider}");

    public decimal Inr(decimal usd) => usd * UsdInrRate;
}

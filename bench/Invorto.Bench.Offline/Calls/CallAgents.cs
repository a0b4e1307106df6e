namespace Invorto.Bench.Offline.Calls;

/// <summary>The agents the call benchmarks create through the Api, as <c>POST /v1/agents</c> bodies.</summary>
public static class CallAgents
{
    /// <summary>
    /// <see cref="BenchAgent.Config"/>'s intents and voices on the offline providers, every intent answering with a reply
    /// (no tools, so no webhook takes part in a turn).
    /// </summary>
    public static object Offline { get; } = OfflineAgent("Offline bench", endpointingWait: null);

    /// <summary>The same agent with a fixed 300 ms endpointing wait instead of the default one that grows as the recognizer's confidence falls.</summary>
    public static object OfflineFixedWait { get; } = OfflineAgent("Offline bench, fixed wait", endpointingWait: FixedWait);

    public const string FixedWait = "300";

    private static object OfflineAgent(string name, string? endpointingWait) => new
    {
        name,
        config = new
        {
            endpointing = endpointingWait is null ? null : new { waitFunction = endpointingWait },
            prompt = BenchAgent.Config.Prompt,
            firstMessage = BenchAgent.Config.FirstMessage,
            locale = BenchAgent.Config.Locale,
            voice = new { provider = "espeak", voiceId = "en-us" },
            asr = new { provider = "pocketsphinx", model = "en-us", language = "en-US" },
            llm = new { provider = "rules", model = "rules" },
            endCall = new { phrases = new[] { "goodbye", "that is all" } },
            rules = new
            {
                intents = new object[]
                {
                    new { name = "book", examples = new[] { "book a meeting for tomorrow morning", "schedule a meeting with the team" }, reply = "I have booked a meeting for tomorrow at nine." },
                    new { name = "order", examples = new[] { "what is the status of my order", "where is my order" }, reply = "Your order shipped yesterday." },
                    new { name = "cancel", examples = new[] { "I would like to cancel my appointment" }, reply = "Done." },
                    new { name = "human", examples = new[] { "talk to a human agent" }, reply = "A colleague will call you back." },
                },
            },
        },
    };

    /// <summary>Deepgram recognition, an OpenAI chat model and an ElevenLabs voice, each reached through the operator's base URLs.</summary>
    public static object Cloud { get; } = new
    {
        name = "Cloud fakes bench",
        config = new
        {
            prompt = "You book meetings and answer order questions for Acme.",
            firstMessage = "Hi, this is Acme. How can I help?",
            locale = "en-US",
            voice = new { provider = "elevenlabs", voiceId = "21m00Tcm4TlvDq8ikWAM" },
            asr = new { provider = "deepgram", model = "nova-3", language = "en-US" },
            llm = new { provider = "openai", model = "gpt-4o-mini" },
        },
    };
}

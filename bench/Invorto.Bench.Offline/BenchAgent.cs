using Invorto.Application.Agents.Configuration;

namespace Invorto.Bench.Offline;

/// <summary>The agent the offline benchmark talks to, and the phrases its callers say (all in its grammar).</summary>
public static class BenchAgent
{
    public static readonly VoiceSettings Voice = new() { Provider = "espeak", VoiceId = "en-us" };

    public static readonly AgentConfig Config = new()
    {
        Prompt = "You book meetings and answer order questions for Acme.",
        FirstMessage = "Hi, this is Acme. How can I help?",
        Locale = "en-US",
        Voice = Voice,
        Asr = new AsrSettings { Provider = "pocketsphinx", Model = "en-us", Language = "en-US" },
        Tools =
        [
            new ToolDefinition { Name = "get_order_status", Description = "Look up the status of an order." },
            new ToolDefinition { Name = "book_meeting", Description = "Book a meeting with the team." },
        ],
        EndCall = new EndCallSettings { Phrases = ["goodbye", "that is all"] },
        Rules = new RulesSettings
        {
            Intents =
            [
                new Intent { Name = "book", Examples = ["book a meeting for tomorrow morning", "schedule a meeting with the team"], Tool = "book_meeting" },
                new Intent { Name = "order", Examples = ["what is the status of my order", "where is my order"], Tool = "get_order_status" },
                new Intent { Name = "cancel", Examples = ["I would like to cancel my appointment"], Reply = "Done." },
                new Intent { Name = "human", Examples = ["talk to a human agent"], Reply = "Connecting you." },
            ],
        },
    };

    /// <summary>Said once to each decoder before the measured phrases, so they measure an adapted (pooled) decoder.</summary>
    public const string WarmUp = "hi this is acme how can i help";

    public static readonly string[] Phrases =
    [
        "book a meeting for tomorrow morning",
        "what is the status of my order",
        "yes please",
        "i would like to cancel my appointment",
        "goodbye",
        "no thank you",
        "talk to a human agent",
        "one two three",
        "schedule a meeting with the team",
        "look up the status of an order",
    ];

    /// <summary>What an agent says: the synthesizer's first-audio latency is measured on these.</summary>
    public static readonly string[] Replies =
    [
        "Sure, I can help with that.",
        "Our plans start at ninety nine rupees a month, and you can change or cancel them at any time.",
        "I have booked a meeting for tomorrow at nine in the morning.",
        "Your order shipped yesterday and should arrive on Friday.",
        "Is there anything else I can do for you?",
        "Let me connect you to a member of our team.",
        "Thank you for calling Acme, goodbye.",
        "I did not catch that, could you say it again?",
    ];
}

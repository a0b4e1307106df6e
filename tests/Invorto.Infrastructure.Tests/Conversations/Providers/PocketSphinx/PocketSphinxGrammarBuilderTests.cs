using Invorto.Application.Agents.Configuration;
using Invorto.Infrastructure.Conversations.Providers.PocketSphinx;
using Shouldly;
using Xunit;

namespace Invorto.Infrastructure.Tests.Conversations.Providers.PocketSphinx;

/// <summary>The grammar from an agent's vocabulary, against a small dictionary (no native code).</summary>
public sealed class PocketSphinxGrammarBuilderTests
{
    private static readonly PocketSphinxDictionary Dictionary = PocketSphinxDictionary.Parse(
    [
        "a AH", "a(2) EY", "book B UH K", "meeting M IY T IH NG", "for F AO R", "tomorrow T AH M AA R OW", "tomorrow(2) T UW M AA R OW",
        "morning M AO R N IH NG", "get G EH T", "order AO R D ER", "status S T AE T AH S", "check CH EH K", "hi HH AY", "this DH IH S",
        "is IH Z", "acme AE K M IY", "how HH AW", "can K AE N", "i AY", "help HH EH L P", "goodbye G UH D B AY", "bye B AY",
        "thank TH AE NG K", "you Y UW", "yes Y EH S", "no N OW", "one W AH N", "two T UW", "four F AO R", "um AH M", "uh AH",
        "don't D OW N T", "call K AO L", "me M IY", "back B AE K",
    ]);

    private readonly PocketSphinxGrammarBuilder _builder = new(Dictionary);

    [Fact]
    public void Every_intent_example_is_a_phrase_of_the_grammar()
    {
        var grammar = _builder.Build(AgentWith(examples: ["Book a meeting for tomorrow morning", "book a meeting"]));

        grammar.Phrases.ShouldContain("book a meeting for tomorrow morning");
        grammar.Phrases.ShouldContain("book a meeting");
        grammar.Jsgf.ShouldContain("book a meeting for tomorrow morning |");
    }

    [Fact]
    public void Words_the_dictionary_does_not_know_are_dropped_from_their_phrase()
    {
        var grammar = _builder.Build(AgentWith(examples: ["Book a Zorblax meeting"]));

        grammar.Phrases.ShouldContain("book a meeting");
        grammar.DroppedWords.ShouldContain("zorblax");
        grammar.Jsgf.ShouldNotContain("zorblax");
        grammar.Words.ShouldNotContain("zorblax");
    }

    [Fact]
    public void Tool_names_become_phrases_whatever_their_casing()
    {
        var config = new AgentConfig
        {
            Prompt = "p",
            Tools = [new ToolDefinition { Name = "get_order_status", Description = "Check the order status." }, new ToolDefinition { Name = "callMeBack" }],
        };

        var grammar = _builder.Build(config);

        grammar.Phrases.ShouldContain("get order status");
        grammar.Phrases.ShouldContain("call me back");
        grammar.Phrases.ShouldContain("check order status");
    }

    [Fact]
    public void The_first_message_and_the_end_call_phrases_are_cut_at_punctuation()
    {
        var config = new AgentConfig { Prompt = "p", FirstMessage = "Hi, this is Acme. How can I help?", EndCall = new EndCallSettings { Phrases = ["bye", "Thank you, goodbye!"] } };

        var grammar = _builder.Build(config);

        grammar.Phrases.ShouldContain("hi");
        grammar.Phrases.ShouldContain("this is acme");
        grammar.Phrases.ShouldContain("how can i help");
        grammar.Phrases.ShouldContain("thank you");
        grammar.Phrases.ShouldContain("goodbye");
    }

    [Fact]
    public void Digits_are_spelled_out_and_apostrophes_kept()
    {
        var grammar = _builder.Build(AgentWith(examples: ["Order 124", "Don't call me"]));

        grammar.Phrases.ShouldContain("order one two four");
        grammar.Phrases.ShouldContain("don't call me");
    }

    [Fact]
    public void Short_answers_and_fillers_the_dictionary_knows_are_always_there()
    {
        var grammar = _builder.Build(new AgentConfig { Prompt = "p" });

        grammar.Jsgf.ShouldContain("<short> = yes | no |");
        grammar.Jsgf.ShouldContain("<filler> = um | uh;");
        grammar.Words.ShouldContain("one");
        grammar.Jsgf.ShouldStartWith("#JSGF V1.0;\ngrammar invorto;\npublic <utterance> = [<filler>] ( <phrase> [<short>] | <short>+ [<phrase>] );\n");
    }

    [Fact]
    public void Every_word_of_the_grammar_is_in_the_dictionary()
    {
        var grammar = _builder.Build(AgentWith(examples: ["Book a meeting for tomorrow morning!", "Quantum flux capacitor 42", "hi :-) yes"]));

        grammar.Words.ShouldAllBe(word => Dictionary.Contains(word));
    }

    [Fact]
    public void A_grammar_without_any_known_word_is_refused()
    {
        var empty = new PocketSphinxGrammarBuilder(PocketSphinxDictionary.Parse(["zebra Z IY B R AH"]));

        Should.Throw<InvalidOperationException>(() => empty.Build(new AgentConfig { Prompt = "p", EndCall = new EndCallSettings { Phrases = [] } }));
    }

    [Fact]
    public void Equal_vocabularies_share_a_key_and_a_new_example_changes_it()
    {
        var config = AgentWith(examples: ["book a meeting"]);

        PocketSphinxGrammarBuilder.VocabularyKey(config with { Prompt = "another prompt" }).ShouldBe(PocketSphinxGrammarBuilder.VocabularyKey(config));
        PocketSphinxGrammarBuilder.VocabularyKey(AgentWith(examples: ["book a meeting", "cancel it"])).ShouldNotBe(PocketSphinxGrammarBuilder.VocabularyKey(config));
    }

    private static AgentConfig AgentWith(IReadOnlyList<string> examples) => new()
    {
        Prompt = "p",
        Rules = new RulesSettings { Intents = [new Intent { Name = "book", Examples = examples, Reply = "Sure." }] },
    };
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Invorto.Application.Agents.Configuration;

namespace Invorto.Infrastructure.Conversations.Providers.PocketSphinx;

/// <summary>
/// Builds the grammar an agent is recognized with. PocketSphinx's general English model gets almost none of the words of
/// synthetic or telephone speech right, while a grammar of the agent's own vocabulary gets nearly all of them (measured
/// with eSpeak speech: 10/10 phrases at 16 kHz, about 0.02 of real time). Phrases come from the rules' intent examples
/// and names, the first message, the tools' names (<c>get_order_status</c> → "get order status") and descriptions, and
/// the end-call phrases, cut at punctuation; digits are spelled out; words the dictionary does not know are dropped.
/// An utterance is an optional filler, then a phrase followed by an optional short answer, or short answers
/// (yes/no/okay/digits ...) followed by an optional phrase. Letting any word follow any other was tried and inserted
/// short words everywhere (0.74–0.92 word accuracy instead of 1.0), so whole phrases are the unit.
/// </summary>
public sealed class PocketSphinxGrammarBuilder(PocketSphinxDictionary dictionary)
{
    public const int MaxPhraseWords = 12;
    public const int MaxPhrases = 400;

    private static readonly string[] Digits = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    private static readonly string[] ShortAnswers =
    [
        "yes", "no", "yeah", "okay", "sure", "please", "thanks", "thank you", "hello", "hi", "right", "correct", .. Digits,
    ];

    private static readonly string[] Fillers = ["um", "uh", "hmm"];

    private static readonly string[] CommonPhrases = ["thank you", "goodbye", "bye"];

    /// <summary>
    /// An id for the vocabulary the grammar is built from (intents, first message, tools, end-call phrases), for callers
    /// that have a configuration but not the agent version it belongs to: equal vocabularies share grammar and decoders.
    /// </summary>
    public static Guid VocabularyKey(AgentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var text = new StringBuilder();
        foreach (var intent in config.Rules.Intents)
        {
            text.Append(intent.Name).Append('\u001f').AppendJoin('\u001f', intent.Examples).Append('\u001e');
        }

        text.Append(config.FirstMessage).Append('\u001e');
        foreach (var tool in config.Tools)
        {
            text.Append(tool.Name).Append('\u001f').Append(tool.Description).Append('\u001e');
        }

        text.AppendJoin('\u001f', config.EndCall.Phrases);
        return new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 16));
    }

    public PocketSphinxGrammar Build(AgentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var dropped = new SortedSet<string>(StringComparer.Ordinal);
        var phrases = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        void AddText(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }

            foreach (var clause in Clauses(text))
            {
                var words = Words(clause, dropped);
                for (var start = 0; start < words.Count && phrases.Count < MaxPhrases; start += MaxPhraseWords)
                {
                    var phrase = string.Join(' ', words.Skip(start).Take(MaxPhraseWords));
                    if (seen.Add(phrase))
                    {
                        phrases.Add(phrase);
                    }
                }
            }
        }

        foreach (var intent in config.Rules.Intents)
        {
            foreach (var example in intent.Examples)
            {
                AddText(example);
            }

            AddText(intent.Name);
        }

        AddText(config.FirstMessage);
        foreach (var tool in config.Tools)
        {
            AddText(tool.Name);
            AddText(tool.Description);
        }

        foreach (var phrase in config.EndCall.Phrases)
        {
            AddText(phrase);
        }

        foreach (var phrase in CommonPhrases)
        {
            AddText(phrase);
        }

        var shortAnswers = ShortAnswers.Where(answer => answer.Split(' ').All(dictionary.Contains)).ToList();
        var fillers = Fillers.Where(dictionary.Contains).ToList();
        return new PocketSphinxGrammar(Jsgf(phrases, shortAnswers, fillers), phrases, Vocabulary(phrases, shortAnswers, fillers), [.. dropped]);
    }

    /// <summary>Lower-case words with digits spelled out and camelCase split; unknown words go to <paramref name="dropped"/>.</summary>
    private List<string> Words(string clause, SortedSet<string> dropped)
    {
        var words = new List<string>();
        foreach (var token in Tokens(clause))
        {
            if (token.All(char.IsAsciiDigit))
            {
                words.AddRange(token.Select(digit => Digits[digit - '0']));
                continue;
            }

            var word = token.Trim('\'');
            if (word.Length == 0)
            {
                continue;
            }

            if (dictionary.Contains(word))
            {
                words.Add(word);
            }
            else if (word.EndsWith("'s", StringComparison.Ordinal) && dictionary.Contains(word[..^2]))
            {
                words.Add(word[..^2]);
            }
            else
            {
                dropped.Add(word);
            }
        }

        return words;
    }

    private static string[] Clauses(string text) =>
        text.Split(['.', ',', '!', '?', ';', ':', '\n', '\r', '(', ')', '"', '[', ']', '{', '}'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Splits on anything but letters, digits and apostrophes, at camelCase humps and between letters and digits.</summary>
    private static List<string> Tokens(string clause)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var previous = '\0';
        foreach (var raw in clause)
        {
            var c = raw is '\u2019' or '\u2018' ? '\'' : raw;
            var boundary = (char.IsUpper(c) && char.IsLower(previous))
                || (char.IsAsciiDigit(c) != char.IsAsciiDigit(previous) && current.Length > 0 && char.IsLetterOrDigit(previous));
            if (!(char.IsLetterOrDigit(c) || c == '\'') || boundary)
            {
                Flush();
            }

            if (char.IsLetterOrDigit(c) || c == '\'')
            {
                current.Append(char.ToLowerInvariant(c));
            }

            previous = c;
        }

        Flush();
        return tokens;

        void Flush()
        {
            if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }
    }

    private static string Jsgf(List<string> phrases, List<string> shortAnswers, List<string> fillers)
    {
        var body = (phrases.Count > 0, shortAnswers.Count > 0) switch
        {
            (true, true) => "( <phrase> [<short>] | <short>+ [<phrase>] )",
            (true, false) => "<phrase>",
            (false, true) => "<short>+",
            _ => throw new InvalidOperationException("The agent's configuration and the dictionary have no word in common: there is nothing to recognize."),
        };
        var jsgf = new StringBuilder();
        jsgf.Append("#JSGF V1.0;\ngrammar invorto;\n");
        jsgf.Append(CultureInfo.InvariantCulture, $"public <utterance> = {(fillers.Count > 0 ? "[<filler>] " : string.Empty)}{body};\n");
        Rule(jsgf, "phrase", phrases);
        Rule(jsgf, "short", shortAnswers);
        Rule(jsgf, "filler", fillers);
        return jsgf.ToString();
    }

    private static void Rule(StringBuilder jsgf, string name, List<string> alternatives)
    {
        if (alternatives.Count > 0)
        {
            jsgf.Append(CultureInfo.InvariantCulture, $"<{name}> = {string.Join(" | ", alternatives)};\n");
        }
    }

    private static List<string> Vocabulary(params IEnumerable<string>[] sources) =>
        sources.SelectMany(source => source).SelectMany(phrase => phrase.Split(' ')).Distinct(StringComparer.Ordinal).ToList();
}

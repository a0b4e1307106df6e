using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Invorto.Infrastructure.Conversations.Providers.Rules;

/// <summary>
/// The word handling of the rules model: lower case, letters and digits only, apostrophes dropped ("what's" → "whats"),
/// number words read as digits ("twenty five" → "25"), yes-words as <c>yes</c> and no-words as <c>no</c>, and a crude
/// suffix strip ("meetings", "booking", "booked" → "meeting", "book", "book") so an example and an utterance in
/// another form still meet. Stop words carry no intent and are left out of matching.
/// </summary>
internal static class RulesText
{
    public const string Yes = "yes";
    public const string No = "no";

    private static readonly FrozenSet<string> StopWords = FrozenSet.Create(StringComparer.Ordinal,
        "a", "an", "the", "i", "im", "ive", "id", "ill", "me", "my", "mine", "myself", "you", "your", "youre", "yours", "we", "us", "our",
        "it", "its", "this", "that", "these", "those", "he", "she", "they", "them", "his", "her", "their",
        "is", "are", "was", "were", "be", "been", "am", "do", "does", "did", "have", "has", "had",
        "to", "of", "in", "on", "at", "for", "with", "about", "from", "by", "as", "into", "up", "so", "and", "or", "but", "if", "then",
        "please", "can", "could", "would", "will", "shall", "should", "may", "might", "must",
        "want", "wanna", "like", "need", "just", "some", "any", "there", "here", "um", "uh", "er", "hmm", "oh", "well",
        "what", "whats", "which", "who", "how", "when", "where", "why", "know", "tell", "let", "lets", "get", "got", "also", "too", "very", "really");

    private static readonly FrozenDictionary<string, string> Synonyms = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["yes"] = Yes,
        ["yeah"] = Yes,
        ["yep"] = Yes,
        ["yup"] = Yes,
        ["sure"] = Yes,
        ["ok"] = Yes,
        ["okay"] = Yes,
        ["correct"] = Yes,
        ["right"] = Yes,
        ["absolutely"] = Yes,
        ["definitely"] = Yes,
        ["certainly"] = Yes,
        ["affirmative"] = Yes,
        ["no"] = No,
        ["nope"] = No,
        ["nah"] = No,
        ["not"] = No,
        ["dont"] = No,
        ["never"] = No,
        ["negative"] = No,
        ["cant"] = No,
        ["wont"] = No,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, int> Units = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["zero"] = 0,
        ["one"] = 1,
        ["two"] = 2,
        ["three"] = 3,
        ["four"] = 4,
        ["five"] = 5,
        ["six"] = 6,
        ["seven"] = 7,
        ["eight"] = 8,
        ["nine"] = 9,
        ["ten"] = 10,
        ["eleven"] = 11,
        ["twelve"] = 12,
        ["thirteen"] = 13,
        ["fourteen"] = 14,
        ["fifteen"] = 15,
        ["sixteen"] = 16,
        ["seventeen"] = 17,
        ["eighteen"] = 18,
        ["nineteen"] = 19,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, int> Tens = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["twenty"] = 20,
        ["thirty"] = 30,
        ["forty"] = 40,
        ["fifty"] = 50,
        ["sixty"] = 60,
        ["seventy"] = 70,
        ["eighty"] = 80,
        ["ninety"] = 90,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Lower-case words of letters and digits, number words turned into digits ("three pm" → "3", "pm").</summary>
    public static List<string> Words(string text)
    {
        var raw = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (c is '\'' or '’')
            {
                continue;
            }
            else
            {
                Flush(word, raw);
            }
        }

        Flush(word, raw);
        return ReadNumbers(raw);
    }

    /// <summary>
    /// The words that say what the caller wants: stop words out (unless nothing else is left, as in "what?"), yes/no
    /// words unified, suffixes stripped.
    /// </summary>
    public static HashSet<string> Terms(string text)
    {
        var words = Words(text);
        var terms = new HashSet<string>(StringComparer.Ordinal);
        var keepStopWords = words.All(word => StopWords.Contains(word) && !Synonyms.ContainsKey(word));
        foreach (var word in words)
        {
            if (Synonyms.TryGetValue(word, out var unified))
            {
                terms.Add(unified);
            }
            else if (keepStopWords || !StopWords.Contains(word))
            {
                terms.Add(Stem(word));
            }
        }

        return terms;
    }

    /// <summary>Whether the caller said yes (true), no (false), or neither / both (null).</summary>
    public static bool? YesOrNo(IEnumerable<string> words)
    {
        var yes = false;
        var no = false;
        foreach (var word in words)
        {
            if (Synonyms.TryGetValue(word, out var unified))
            {
                yes |= unified == Yes;
                no |= unified == No;
            }
        }

        return yes == no ? null : yes;
    }

    public static bool IsNumber(string word) => word.Length > 0 && word.All(char.IsAsciiDigit);

    private static void Flush(StringBuilder word, List<string> words)
    {
        if (word.Length == 0)
        {
            return;
        }

        // "3pm" and "10am" are a number and a word to a caller.
        var text = word.ToString();
        word.Clear();
        var split = 0;
        while (split < text.Length && char.IsAsciiDigit(text[split]))
        {
            split++;
        }

        if (split > 0 && split < text.Length && text[split..] is "am" or "pm" or "st" or "nd" or "rd" or "th")
        {
            words.Add(text[..split]);
            if (text[split..] is "am" or "pm")
            {
                words.Add(text[split..]);
            }

            return;
        }

        words.Add(text);
    }

    private static List<string> ReadNumbers(List<string> raw)
    {
        var words = new List<string>(raw.Count);
        for (var i = 0; i < raw.Count; i++)
        {
            if (Tens.TryGetValue(raw[i], out var tens))
            {
                var value = tens;
                if (i + 1 < raw.Count && Units.TryGetValue(raw[i + 1], out var unit) && unit is > 0 and < 10)
                {
                    value += unit;
                    i++;
                }

                words.Add(value.ToString(CultureInfo.InvariantCulture));
            }
            else if (Units.TryGetValue(raw[i], out var units))
            {
                words.Add(units.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                words.Add(raw[i]);
            }
        }

        return words;
    }

    private static string Stem(string word)
    {
        if (IsNumber(word))
        {
            return word;
        }

        if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal))
        {
            word = word[..^1];
        }

        if (word.Length > 5 && word.EndsWith("ing", StringComparison.Ordinal))
        {
            return word[..^3];
        }

        return word.Length > 4 && word.EndsWith("ed", StringComparison.Ordinal) ? word[..^2] : word;
    }
}

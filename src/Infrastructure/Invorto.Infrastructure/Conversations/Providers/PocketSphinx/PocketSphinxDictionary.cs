namespace Invorto.Infrastructure.Conversations.Providers.PocketSphinx;

/// <summary>
/// The pronunciation dictionary (CMUdict format: <c>word PH O N E S</c>, alternatives as <c>word(2)</c>), read once into
/// memory so grammars can be checked against it and each decoder is given only the words its grammar uses (a decoder
/// that loads the whole 134 000-word file takes about 120 ms and 27 MB; one given its grammar's words takes about 8 ms and 4 MB).
/// </summary>
public sealed class PocketSphinxDictionary
{
    private readonly Dictionary<string, string[]> _pronunciations;

    private PocketSphinxDictionary(Dictionary<string, string[]> pronunciations) => _pronunciations = pronunciations;

    public int Count => _pronunciations.Count;

    public static PocketSphinxDictionary Load(string path) => Parse(File.ReadLines(path));

    public static PocketSphinxDictionary Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var entries = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0 || line.StartsWith(";;", StringComparison.Ordinal))
            {
                continue;
            }

            var word = line[..space];
            var alternative = word.IndexOf('(', StringComparison.Ordinal);
            if (alternative > 0)
            {
                word = word[..alternative];
            }

            var phones = line[(space + 1)..].Trim();
            if (phones.Length == 0)
            {
                continue;
            }

            word = word.ToLowerInvariant();
            if (!entries.TryGetValue(word, out var list))
            {
                list = new List<string>(1);
                entries[word] = list;
            }

            list.Add(string.Join(' ', phones.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        }

        return new PocketSphinxDictionary(entries.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
    }

    public bool Contains(string word) => _pronunciations.ContainsKey(word);

    /// <summary>The word's pronunciations, the main one first; empty when the word is unknown.</summary>
    public IReadOnlyList<string> Pronunciations(string word) =>
        _pronunciations.TryGetValue(word, out var phones) ? phones : [];
}

namespace Invorto.Infrastructure.Conversations.Providers.PocketSphinx;

/// <summary>
/// A JSGF grammar built from an agent's vocabulary: the phrases a caller is expected to say, the short answers
/// (<c>yes</c>, digits ...) and the words it uses, every one of them in the pronunciation dictionary.
/// <see cref="DroppedWords"/> are the words of the configuration the dictionary does not know, left out so that the
/// grammar always compiles.
/// </summary>
public sealed record PocketSphinxGrammar(string Jsgf, IReadOnlyList<string> Phrases, IReadOnlyList<string> Words, IReadOnlyList<string> DroppedWords)
{
    /// <summary>The name the grammar's search has in a decoder.</summary>
    public const string SearchName = "agent";
}

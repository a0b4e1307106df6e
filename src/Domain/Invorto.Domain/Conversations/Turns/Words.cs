using System.Globalization;

namespace Invorto.Domain.Conversations.Turns;

/// <summary>
/// The one word tokenizer of turn-taking: a word is a run of letters, digits, combining marks (Indic vowel signs)
/// and apostrophes holding at least one letter or digit; everything else (spaces, punctuation, hyphens) separates words.
/// </summary>
internal static class Words
{
    public static int Count(ReadOnlySpan<char> text)
    {
        var count = 0;
        var position = 0;
        while (TryNext(text, ref position, out _))
        {
            count++;
        }

        return count;
    }

    /// <summary>Finds the next word at or after <paramref name="position"/> and moves past it.</summary>
    public static bool TryNext(ReadOnlySpan<char> text, ref int position, out Range word)
    {
        while (position < text.Length)
        {
            while (position < text.Length && !IsWordChar(text[position]))
            {
                position++;
            }

            var start = position;
            var hasLetterOrDigit = false;
            while (position < text.Length && IsWordChar(text[position]))
            {
                hasLetterOrDigit |= char.IsLetterOrDigit(text[position]);
                position++;
            }

            if (hasLetterOrDigit)
            {
                word = start..position;
                return true;
            }
        }

        word = default;
        return false;
    }

    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || c is '\'' or '\u2019' || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
}

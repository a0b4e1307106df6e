namespace Invorto.Testing;

/// <summary>1 − word error rate (substitutions, deletions and insertions over the reference's words), floored at 0.</summary>
public static class WordAccuracy
{
    public static double Of(string reference, string hypothesis)
    {
        var expected = reference.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var heard = hypothesis.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (expected.Length == 0)
        {
            return heard.Length == 0 ? 1 : 0;
        }

        var previous = Enumerable.Range(0, heard.Length + 1).ToArray();
        for (var i = 1; i <= expected.Length; i++)
        {
            var current = new int[heard.Length + 1];
            current[0] = i;
            for (var j = 1; j <= heard.Length; j++)
            {
                var substitution = previous[j - 1] + (expected[i - 1] == heard[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            previous = current;
        }

        return Math.Max(0, 1 - ((double)previous[heard.Length] / expected.Length));
    }
}

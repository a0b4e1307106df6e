namespace Invorto.Domain.Conversations.Turns;

/// <summary>What the caller actually heard of an interrupted reply, which becomes the assistant's message (spec §8).</summary>
public static class PlayedText
{
    /// <summary>
    /// Cuts <paramref name="spokenText"/> in proportion to <paramref name="playedAudio"/> over <paramref name="totalAudio"/>,
    /// then back to the end of the last whole word; "" when nothing was played, the whole text when all of it was.
    /// </summary>
    /// <param name="spokenText">The text synthesized into <paramref name="totalAudio"/>.</param>
    /// <param name="totalAudio">The duration of the synthesized audio.</param>
    /// <param name="playedAudio">The audio that left the socket, minus what the far end still buffered.</param>
    public static string Truncate(string spokenText, TimeSpan totalAudio, TimeSpan playedAudio)
    {
        if (string.IsNullOrEmpty(spokenText) || playedAudio <= TimeSpan.Zero || totalAudio <= TimeSpan.Zero)
        {
            return string.Empty;
        }

        if (playedAudio >= totalAudio)
        {
            return spokenText;
        }

        var cut = (int)(spokenText.Length * (playedAudio.Ticks / (double)totalAudio.Ticks));
        if (cut < spokenText.Length && !char.IsWhiteSpace(spokenText[cut]))
        {
            while (cut > 0 && !char.IsWhiteSpace(spokenText[cut - 1]))
            {
                cut--;
            }
        }

        return spokenText.AsSpan(0, cut).TrimEnd().ToString();
    }
}

namespace Invorto.Infrastructure.Conversations.Providers.PocketSphinx;

/// <summary>
/// A confidence in [0, 1] for a grammar result, for endpointing (spec §8: a final under the agent's confidence threshold
/// waits longer before the turn ends). A grammar search always finds some path, and its lattice posterior is 1, so the
/// confidence comes from how well the path fits the audio: the words' acoustic score per 10 ms frame (PocketSphinx scores
/// every frame against its best-scoring senone, so a perfect fit is near zero) and how much of the caller's speech the
/// words cover (out-of-grammar speech is mostly matched to silence). Calibrated on eSpeak speech with the en-us model:
/// in-grammar phrases scored −28 to −53 per frame with full coverage, out-of-grammar sentences −51 to −65 with a third to
/// a half covered. The per-frame scores of the two overlap, so the fit only lowers the confidence below
/// <see cref="PerfectFit"/> (linearly to 0 at <see cref="NoFit"/>) and the coverage does the separating: a grammar phrase
/// that covers the caller's speech is near 1 (the endpointing wait <c>200 + 8000 × (1 − confidence)</c> stays short,
/// since the grammar only ever yields whole phrases the agent expects), speech outside the grammar lands at a third to a
/// half, below the default 0.65 threshold, and waits longer.
/// </summary>
internal static class PocketSphinxConfidence
{
    public const double PerfectFit = -55;
    public const double NoFit = -85;
    public const double FrameMs = 10;

    public static double Estimate(int wordFrames, long acousticScore, double speechMs)
    {
        if (wordFrames <= 0 || speechMs <= 0)
        {
            return 0;
        }

        var coverage = Math.Min(1, wordFrames * FrameMs / speechMs);
        var perFrame = (double)acousticScore / wordFrames;
        var fit = Math.Clamp((perFrame - NoFit) / (PerfectFit - NoFit), 0, 1);
        return Math.Round(coverage * fit, 3);
    }
}

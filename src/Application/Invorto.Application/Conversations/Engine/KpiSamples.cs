namespace Invorto.Application.Conversations.Engine;

/// <summary>The KPI samples of one session, recorded beside the process-wide histograms; not thread-safe (the session's lock guards it).</summary>
internal sealed class KpiSamples
{
    private readonly List<double> _turnLatency = [];
    private readonly List<double> _asrFirstPartial = [];
    private readonly List<double> _eou = [];
    private readonly List<double> _llmFirstToken = [];
    private readonly List<double> _ttsFirstChunk = [];
    private readonly List<double> _bargeInCutoff = [];

    public void TurnLatency(double milliseconds) => _turnLatency.Add(milliseconds);

    public void AsrFirstPartial(double milliseconds) => _asrFirstPartial.Add(milliseconds);

    public void EndOfUtterance(double milliseconds) => _eou.Add(milliseconds);

    public void LlmFirstToken(double milliseconds) => _llmFirstToken.Add(milliseconds);

    public void TtsFirstChunk(double milliseconds) => _ttsFirstChunk.Add(milliseconds);

    public void BargeInCutoff(double milliseconds) => _bargeInCutoff.Add(milliseconds);

    public ConversationKpis Summary(int turns) => new(
        turns,
        Percentile(_turnLatency, 0.50),
        Percentile(_turnLatency, 0.95),
        Percentile(_asrFirstPartial, 0.50),
        Percentile(_eou, 0.50),
        Percentile(_llmFirstToken, 0.50),
        Percentile(_ttsFirstChunk, 0.50),
        Percentile(_bargeInCutoff, 0.50),
        _bargeInCutoff.Count);

    internal static double? Percentile(List<double> samples, double quantile)
    {
        if (samples.Count == 0)
        {
            return null;
        }

        var sorted = samples.ToArray();
        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(quantile * sorted.Length) - 1;
        return Math.Round(sorted[Math.Clamp(rank, 0, sorted.Length - 1)], 1);
    }
}

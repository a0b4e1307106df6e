using System.Diagnostics.Metrics;

namespace Invorto.Application.Conversations.Engine;

/// <summary>The per-turn KPIs of spec §8 as histograms in milliseconds, plus the engine's own overhead and the live sessions.</summary>
public sealed class ConversationMetrics
{
    public const string MeterName = "Invorto.Conversations";

    private static readonly IReadOnlyList<double> Boundaries =
        [0.5, 1, 2, 3, 4, 5, 7.5, 10, 15, 20, 30, 40, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000];

    private long _live;

    public ConversationMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        AsrFirstPartial = Histogram(meter, "invorto_asr_first_partial_ms", "Caller speech onset to the first partial transcript.");
        EndOfUtterance = Histogram(meter, "invorto_eou_ms", "Caller's last speech to the end of the turn decided.");
        LlmFirstToken = Histogram(meter, "invorto_llm_first_token_ms", "Language model request to its first token.");
        TtsFirstChunk = Histogram(meter, "invorto_tts_first_chunk_ms", "Synthesizer request to its first audio chunk.");
        TurnLatency = Histogram(meter, "invorto_turn_latency_ms", "Caller's last speech to the first agent audio frame sent.");
        TurnOverhead = Histogram(meter, "invorto_turn_overhead_ms", "End of the caller's turn to the first agent audio frame sent, minus the providers' first-token and first-chunk time.");
        BargeInCutoff = Histogram(meter, "invorto_bargein_cutoff_ms", "Caller speech onset to agent audio stopped on an interruption.");
        meter.CreateObservableGauge("invorto_conversations_live", () => Interlocked.Read(ref _live), description: "Conversation engines running in this process.");
        PacerTickLag = Histogram(meter, "invorto_pacer_tick_lag_ms", "A pacer tick's scheduled time to the end of its visits: how late the last frame of the tick left.");
        PacerLateTicks = meter.CreateCounter<long>("invorto_pacer_late_ticks", description: "Pacer ticks that started more than one tick late.");
        OutboundFramesSkipped = meter.CreateCounter<long>("invorto_outbound_frames_delayed", description: "Ticks where a session's previous audio send had not finished.");
    }

    public Histogram<double> AsrFirstPartial { get; }

    public Histogram<double> EndOfUtterance { get; }

    public Histogram<double> LlmFirstToken { get; }

    public Histogram<double> TtsFirstChunk { get; }

    public Histogram<double> TurnLatency { get; }

    public Histogram<double> TurnOverhead { get; }

    public Histogram<double> BargeInCutoff { get; }

    public Histogram<double> PacerTickLag { get; }

    public Counter<long> PacerLateTicks { get; }

    public Counter<long> OutboundFramesSkipped { get; }

    public long Live => Interlocked.Read(ref _live);

    internal void SessionStarted() => Interlocked.Increment(ref _live);

    internal void SessionEnded() => Interlocked.Decrement(ref _live);

    private static Histogram<double> Histogram(Meter meter, string name, string description) =>
        meter.CreateHistogram(name, unit: null, description, tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = Boundaries });
}

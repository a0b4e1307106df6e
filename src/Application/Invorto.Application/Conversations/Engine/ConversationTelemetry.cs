using System.Text;
using System.Text.Json;

namespace Invorto.Application.Conversations.Engine;

/// <summary>
/// What a session tells the outside about itself: timeline entries (never waiting: the timeline queues them), the
/// process-wide latency histograms, and the call's KPI samples (guarded by the session's lock).
/// </summary>
internal sealed class ConversationTelemetry(ConversationSetup setup, ICallTimeline timeline, ConversationMetrics metrics, EngineClock clock, long startedAt)
{
    /// <summary>Text fields longer than this are cut in timeline entries; the whole text stays in the history.</summary>
    public const int MaxTextChars = 2000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly KpiSamples _kpis = new();

    public ConversationMetrics Metrics => metrics;

    public ConversationKpis KpisLocked(int turns) => _kpis.Summary(turns);

    public void Record<TPayload>(string kind, TPayload payload) =>
        timeline.Append(new TimelineEntry(setup.CallId, setup.TenantId, kind, clock.Time.GetUtcNow(), JsonSerializer.Serialize(payload, Json)));

    /// <summary>Seconds since the session started, as the client protocol's <c>ts</c>.</summary>
    public double Seconds(long at) => Math.Round(clock.Milliseconds(startedAt, at) / 1000, 2);

    public static string Cut(string text) => text.Length <= MaxTextChars ? text : new StringBuilder(text, 0, MaxTextChars, MaxTextChars + 1).Append('…').ToString();

    public void FirstFrameLocked(ReplyHandle reply, long leaving)
    {
        if (reply.Turn is not { } turn)
        {
            return;
        }

        var latency = clock.Milliseconds(turn.LastSpeechAt, leaving);
        metrics.TurnLatency.Record(latency);
        _kpis.TurnLatency(latency);
        metrics.TurnOverhead.Record(Math.Max(0, clock.Milliseconds(turn.DecidedAt, leaving) - reply.ProviderMs));
    }

    public void FirstPartialLocked(double milliseconds)
    {
        metrics.AsrFirstPartial.Record(milliseconds);
        _kpis.AsrFirstPartial(milliseconds);
    }

    public void EndOfUtteranceLocked(double milliseconds)
    {
        metrics.EndOfUtterance.Record(milliseconds);
        _kpis.EndOfUtterance(milliseconds);
    }

    public void BargeInCutoffLocked(double milliseconds)
    {
        metrics.BargeInCutoff.Record(milliseconds);
        _kpis.BargeInCutoff(milliseconds);
    }

    /// <summary>The language model's first token; the time counts as provider time of the reply that waited for it.</summary>
    public void LlmFirstTokenLocked(ReplyHandle reply, double milliseconds)
    {
        metrics.LlmFirstToken.Record(milliseconds);
        _kpis.LlmFirstToken(milliseconds);
        reply.AddProviderTime(milliseconds);
    }

    public void TtsFirstChunkLocked(ReplyHandle reply, double milliseconds)
    {
        metrics.TtsFirstChunk.Record(milliseconds);
        _kpis.TtsFirstChunk(milliseconds);
        reply.AddProviderTime(milliseconds);
    }
}

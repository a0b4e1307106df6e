namespace Invorto.Application.Conversations;

/// <summary>The kinds of call timeline entries the conversation engine writes (<c>GET /v1/calls/{id}/timeline</c>).</summary>
public static class TimelineKinds
{
    public const string SessionStarted = "session.started";
    public const string SessionEnded = "session.ended";
    public const string ConsentPlayed = "consent.played";
    public const string TranscriptFinal = "stt.final";
    public const string LlmFirstToken = "llm.first_token";
    public const string TtsFirstChunk = "tts.first_chunk";
    public const string AgentTurn = "agent.turn";
    public const string AgentPlayout = "agent.playout";
    public const string AgentPlayoutUnreported = "agent.playout_unreported";
    public const string AgentResumed = "agent.resumed";
    public const string BargeIn = "bargein";
    public const string CallEnding = "call.ending";
    public const string Dtmf = "dtmf";
    public const string ToolRequested = "tool.requested";
    public const string ToolSucceeded = "tool.succeeded";
    public const string ToolFailed = "tool.failed";
    public const string HistoryTrimmed = "history.trimmed";
    public const string ProviderFallback = "provider.fallback";
    public const string ProviderFailover = "provider.failover";
}

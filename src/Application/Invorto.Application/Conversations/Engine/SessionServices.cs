using Invorto.Application.Tools.Execution;
using Microsoft.Extensions.Logging;

namespace Invorto.Application.Conversations.Engine;

/// <summary>What every session of a process shares: the frame pool, the timeline, metrics, options, clock, logger and the tool runner (none: platform tools fail as unavailable).</summary>
internal sealed record SessionServices(
    AgentAudioFramePool Frames,
    ICallTimeline Timeline,
    ConversationMetrics Metrics,
    ConversationOptions Options,
    EngineClock Clock,
    ILogger Logger,
    IToolExecutor? Tools);

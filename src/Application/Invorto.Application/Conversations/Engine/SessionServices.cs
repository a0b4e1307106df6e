using Invorto.Application.Tools.Execution;
using Microsoft.Extensions.Logging;

namespace Invorto.Application.Conversations.Engine;

/// <summary>What every session of a process shares: the frame pool, the timeline, metrics, options, clock, logger, parsed wait functions and the tool runner.</summary>
internal sealed record SessionServices(
    AgentAudioFramePool Frames,
    ICallTimeline Timeline,
    ConversationMetrics Metrics,
    ConversationOptions Options,
    EngineClock Clock,
    ILogger Logger,
    WaitFunctionCache WaitFunctions,
    IToolExecutor? Tools);

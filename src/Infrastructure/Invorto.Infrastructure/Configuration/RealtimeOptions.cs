using Invorto.Application.Agents.Configuration;
using Microsoft.Extensions.Configuration;

namespace Invorto.Infrastructure.Configuration;

/// <summary>Credentials of the realtime gateway (spec §5.1).</summary>
public sealed class RealtimeOptions
{
    public const int MinSecretLength = 32;

    /// <summary>Platform operations key: canary sessions and joining existing calls.</summary>
    [ConfigurationKeyName("REALTIME_API_KEY")]
    public string? ApiKey { get; set; }

    /// <summary>HS256 key for short-lived browser tokens and the Jambonz metadata token.</summary>
    [ConfigurationKeyName("REALTIME_WS_SECRET")]
    public string? WsSecret { get; set; }

    [ConfigurationKeyName("REALTIME_CONNECTS_PER_SEC")]
    public int ConnectsPerSecond { get; set; } = 3;

    /// <summary>The canary agent's barge-in minimum speech (an agent's <c>bargeIn.minSpeechMs</c>); the benchmark lowers it to time the engine's own cutoff.</summary>
    [ConfigurationKeyName("REALTIME_CANARY_BARGEIN_MIN_SPEECH_MS")]
    public int CanaryBargeInMinSpeechMs { get; set; } = new BargeInSettings().MinSpeechMs;

    /// <summary>The canary agent's barge-in minimum recognised words (an agent's <c>bargeIn.minWords</c>).</summary>
    [ConfigurationKeyName("REALTIME_CANARY_BARGEIN_MIN_WORDS")]
    public int CanaryBargeInMinWords { get; set; } = new BargeInSettings().MinWords;
}

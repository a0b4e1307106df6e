namespace Invorto.Application.Agents.Configuration;

/// <summary>
/// The voice a call fails over to when the agent's own cannot speak (unreachable, refused, circuit open); null fields
/// take that provider's defaults. The offline voice (espeak) always comes last, so a caller is never left in silence.
/// </summary>
public sealed record VoiceFallback
{
    public string Provider { get; init; } = "espeak";

    public string? VoiceId { get; init; }

    public string? BaseUrl { get; init; }
}

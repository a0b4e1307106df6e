namespace Invorto.Testing.Providers;

/// <summary>How a <see cref="FakeSpeechServer"/> request ended.</summary>
public enum FakeSpeechOutcome
{
    /// <summary>Every scripted audio byte was sent and the response ended normally.</summary>
    Completed,

    /// <summary>Answered with an error status and the vendor's error JSON.</summary>
    Rejected,

    /// <summary>The server dropped the connection mid-stream, as scripted.</summary>
    Cut,

    /// <summary>The client went away (aborted the request) before the response ended.</summary>
    ClientAborted,
}

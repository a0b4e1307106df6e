namespace Invorto.Application.Calls.PostCall;

/// <summary>One line of a call: <paramref name="Speaker"/> is <c>caller</c> or <c>agent</c>; <paramref name="At"/> is seconds from the call's answer.</summary>
public sealed record TranscriptMessage(string Speaker, string Text, double At, double? Confidence);

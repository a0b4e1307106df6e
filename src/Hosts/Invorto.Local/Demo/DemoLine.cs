namespace Invorto.Local.Demo;

/// <summary>One line of the transcript: <c>caller</c> (as recognized) or <c>agent</c> (as spoken).</summary>
public sealed record DemoLine(string Speaker, string Text);

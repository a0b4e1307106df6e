namespace Invorto.Application.Tools;

/// <summary>Why a tool's target cannot be used: <paramref name="Field"/> is relative to the tool (<c>url</c>, <c>headers.X</c>).</summary>
public sealed record ToolTargetProblem(string Field, string Message);

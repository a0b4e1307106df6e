namespace Invorto.Application.Tools.ValidateTool;

/// <summary>
/// One finding about a tool: <paramref name="Field"/> is the JSON path inside the tool (<c>url</c>, <c>inputSchema.required</c>),
/// <paramref name="Severity"/> is <c>error</c> (the tool would be refused or fail) or <c>warning</c> (worth a look).
/// </summary>
public sealed record ToolProblemDto(string Field, string Message, string Severity)
{
    public const string Error = "error";
    public const string Warning = "warning";
}

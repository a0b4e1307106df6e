namespace Invorto.Application.Tools.ValidateTool;

/// <summary>The verdict on a tool: valid when no problem is an error.</summary>
public sealed record ToolValidationDto(bool Valid, IReadOnlyList<ToolProblemDto> Problems);

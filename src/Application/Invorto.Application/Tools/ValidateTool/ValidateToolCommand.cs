using System.Text.Json;

namespace Invorto.Application.Tools.ValidateTool;

/// <summary><c>POST /v1/tools/validate</c>: one tool definition as it would appear in an agent's <c>config.tools[]</c>.</summary>
public sealed record ValidateToolCommand(Guid TenantId, JsonElement? Tool);

using System.Text.Json;

namespace Invorto.Application.Tools.Execution;

/// <summary>
/// How one tool call ended. <see cref="ResultJson"/> is what the model reads as the tool's message: the tool's JSON
/// answer on success, <c>{"error":{"code","message"}}</c> on failure. The message is safe to show the model and to
/// record: it never holds a secret, a header or the tool's error body.
/// </summary>
/// <param name="HttpStatus">The last HTTP status received, if any.</param>
/// <param name="Attempts">Requests sent (0 when the call was refused before sending).</param>
public sealed record ToolOutcome(
    bool Succeeded,
    string ResultJson,
    string? ErrorCode,
    string? ErrorMessage,
    int? HttpStatus,
    int Attempts,
    TimeSpan Duration)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ToolOutcome Success(string resultJson, int? httpStatus, int attempts, TimeSpan duration) =>
        new(true, resultJson, null, null, httpStatus, attempts, duration);

    public static ToolOutcome Failure(string code, string message, int? httpStatus = null, int attempts = 0, TimeSpan duration = default) =>
        new(false, ErrorJson(code, message), code, message, httpStatus, attempts, duration);

    /// <summary>The error object the model reads for a failed call.</summary>
    public static string ErrorJson(string code, string message) =>
        JsonSerializer.Serialize(new { error = new { code, message } }, Json);
}

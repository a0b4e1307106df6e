namespace Invorto.Application.Common;

/// <summary>An expected failure: a stable machine-readable code, a human message and optional per-field problems.</summary>
public sealed record Error(string Code, string Message, IReadOnlyDictionary<string, string[]>? Fields = null)
{
    /// <summary>For <c>quota_exceeded</c>: when trying again makes sense, if the use case knows (sent as <c>Retry-After</c>).</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static Error Validation(IReadOnlyDictionary<string, string[]> fields) =>
        new(ErrorCodes.BadRequest, "The request is not valid.", fields);

    public static Error NotFound(string what) => new(ErrorCodes.NotFound, $"{what} was not found.");

    public static Error Conflict(string message) => new(ErrorCodes.Conflict, message);

    public static Error Forbidden(string message) => new(ErrorCodes.Forbidden, message);

    public static Error QuotaExceeded(string message) => new(ErrorCodes.QuotaExceeded, message);

    public static Error ProviderUnavailable(string message) => new(ErrorCodes.ProviderUnavailable, message);
}

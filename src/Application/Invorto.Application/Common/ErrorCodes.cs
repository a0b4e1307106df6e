namespace Invorto.Application.Common;

/// <summary>The error codes of the public contract (spec §4); hosts map each to an HTTP status.</summary>
public static class ErrorCodes
{
    public const string InvalidApiKey = "invalid_api_key";
    public const string Forbidden = "forbidden";
    public const string BadRequest = "bad_request";
    public const string NotFound = "not_found";
    public const string Conflict = "conflict";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string QuotaExceeded = "quota_exceeded";
    public const string ProviderUnavailable = "provider_unavailable";
    public const string Internal = "internal_error";
}

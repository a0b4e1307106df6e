using Invorto.Application.Common;
using Microsoft.AspNetCore.Http;

namespace Invorto.Hosting.Errors;

/// <summary>The table of spec §4: error code ↔ HTTP status.</summary>
public static class ErrorStatus
{
    public static int StatusFor(string code) => code switch
    {
        ErrorCodes.InvalidApiKey => StatusCodes.Status401Unauthorized,
        ErrorCodes.Forbidden => StatusCodes.Status403Forbidden,
        ErrorCodes.BadRequest => StatusCodes.Status400BadRequest,
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        ErrorCodes.Conflict => StatusCodes.Status409Conflict,
        ErrorCodes.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorCodes.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        ErrorCodes.QuotaExceeded => StatusCodes.Status429TooManyRequests,
        ErrorCodes.ProviderUnavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static string CodeFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => ErrorCodes.BadRequest,
        StatusCodes.Status401Unauthorized => ErrorCodes.InvalidApiKey,
        StatusCodes.Status403Forbidden => ErrorCodes.Forbidden,
        StatusCodes.Status404NotFound => ErrorCodes.NotFound,
        StatusCodes.Status405MethodNotAllowed => ErrorCodes.BadRequest,
        StatusCodes.Status409Conflict => ErrorCodes.Conflict,
        StatusCodes.Status413PayloadTooLarge => ErrorCodes.PayloadTooLarge,
        StatusCodes.Status415UnsupportedMediaType => ErrorCodes.UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests => ErrorCodes.QuotaExceeded,
        StatusCodes.Status503ServiceUnavailable => ErrorCodes.ProviderUnavailable,
        _ => ErrorCodes.Internal,
    };
}

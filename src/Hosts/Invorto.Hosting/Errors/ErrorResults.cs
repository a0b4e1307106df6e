using Invorto.Application.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Invorto.Hosting.Errors;

/// <summary>The one place where an expected <see cref="Error"/> becomes an RFC 9457 response.</summary>
public static class ErrorResults
{
    public static ProblemHttpResult ToProblem(this Error error)
    {
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = error.Code };
        if (error.Fields is { Count: > 0 } fields)
        {
            extensions["errors"] = fields;
        }

        return TypedResults.Problem(
            detail: error.Message,
            statusCode: ErrorStatus.StatusFor(error.Code),
            title: TitleFor(error.Code),
            extensions: extensions);
    }

    private static string TitleFor(string code) => code switch
    {
        ErrorCodes.BadRequest => "The request is not valid.",
        ErrorCodes.InvalidApiKey => "The API key is missing, unknown or revoked.",
        ErrorCodes.Forbidden => "The key's role does not allow this.",
        ErrorCodes.NotFound => "Not found.",
        ErrorCodes.Conflict => "Conflict.",
        ErrorCodes.QuotaExceeded => "Quota exceeded.",
        ErrorCodes.ProviderUnavailable => "A provider is unavailable.",
        _ => "Error.",
    };
}

using System.Net;
using Invorto.Application.Common;

namespace Invorto.Infrastructure.Telephony;

/// <summary>What a provider's refusal means to us: capacity and outages are <c>provider_unavailable</c>, a missing call is not found, anything else a bad request.</summary>
internal static class ProviderResponseErrors
{
    /// <param name="unavailable">Extra statuses this provider uses for "no capacity now" (Jambonz: 480).</param>
    public static Error From(string provider, string what, HttpStatusCode status, params int[] unavailable)
    {
        var code = (int)status;
        return code >= 500 || status == HttpStatusCode.TooManyRequests || unavailable.Contains(code)
            ? Error.ProviderUnavailable($"{provider} cannot take {what} now ({code}).")
            : status == HttpStatusCode.NotFound
                ? Error.NotFound($"The call at {provider}")
                : new Error(ErrorCodes.BadRequest, $"{provider} refused the request ({code}).");
    }
}

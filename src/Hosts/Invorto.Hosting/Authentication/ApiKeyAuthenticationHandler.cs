using System.Security.Claims;
using System.Text.Encodings.Web;
using Invorto.Application.ApiKeys.Authenticate;
using Invorto.Application.Common;
using Invorto.Hosting.Observability;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Invorto.Hosting.Authentication;

/// <summary>Accepts <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-API-Key: &lt;key&gt;</c> and answers failures with the spec's problem details.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyAuthenticator authenticator,
    IProblemDetailsService problems,
    HostingMetrics metrics)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request);
        if (presented is null)
        {
            metrics.ApiKeyChecked("missing");
            return AuthenticateResult.NoResult();
        }

        var caller = await authenticator.AuthenticateAsync(presented, Context.RequestAborted);
        if (caller is null)
        {
            metrics.ApiKeyChecked("rejected");
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        metrics.ApiKeyChecked("accepted");
        var identity = new ClaimsIdentity(
            [
                new Claim(ApiKeyDefaults.TenantClaim, caller.TenantId.ToString()),
                new Claim(ApiKeyDefaults.KeyClaim, caller.ApiKeyId.ToString()),
                new Claim(ApiKeyDefaults.RoleClaim, caller.Role.ToString()),
            ],
            Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status401Unauthorized, ErrorCodes.InvalidApiKey, "Send a valid API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "The key's role does not allow this operation.");

    private static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        var header = request.Headers[ApiKeyDefaults.HeaderName].ToString();
        return header.Length > 0 ? header.Trim() : null;
    }

    private async Task WriteProblemAsync(int status, string code, string detail)
    {
        Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized)
        {
            Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        }

        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Title = code, Detail = detail, Extensions = { ["code"] = code } },
        });
    }
}

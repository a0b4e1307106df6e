using System.Security.Cryptography;
using System.Text;
using Invorto.Application.ApiKeys.Authenticate;
using Invorto.Application.Common;
using Invorto.Application.Conversations;
using Invorto.Hosting.Authentication;
using Invorto.Infrastructure.Configuration;
using Invorto.Infrastructure.Realtime;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Invorto.Realtime.Authentication;

/// <summary>
/// Authenticates a <c>/realtime/voice</c> upgrade (spec §5.1), first valid credential wins: <c>?token=</c> (a browser
/// JWT), then each <c>Sec-WebSocket-Protocol</c> value (the operations key <c>REALTIME_API_KEY</c>, else an active
/// tenant API key; the value that authenticated is echoed back), then <c>Authorization: Bearer</c> / <c>X-API-Key</c>.
/// </summary>
public sealed class RealtimeAuthenticator(
    RealtimeTokenValidator tokens,
    ApiKeyAuthenticator apiKeys,
    IOptions<RealtimeOptions> options)
{
    public const string TokenQueryName = "token";

    /// <summary>How many offered subprotocol values are tried, so one upgrade cannot cost many key lookups.</summary>
    public const int MaxSubprotocolsTried = 4;

    public async Task<RealtimeAuthResult> AuthenticateAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (context.Request.Query.TryGetValue(TokenQueryName, out var token)
            && await tokens.ValidateAsync(token.ToString()) is { } claims)
        {
            return RealtimeAuthResult.Authenticated(RealtimeCredential.ForToken(claims.TenantId, claims.CallId));
        }

        foreach (var subprotocol in context.WebSockets.WebSocketRequestedProtocols.Take(MaxSubprotocolsTried))
        {
            if (await CredentialOfKeyAsync(subprotocol, cancellationToken) is { } credential)
            {
                return RealtimeAuthResult.Authenticated(credential, subprotocol);
            }
        }

        if (HeaderKey(context.Request) is { } headerKey && await CredentialOfKeyAsync(headerKey, cancellationToken) is { } headerCredential)
        {
            return RealtimeAuthResult.Authenticated(headerCredential);
        }

        return RealtimeAuthResult.Failed(ErrorCodes.InvalidApiKey);
    }

    private async Task<RealtimeCredential?> CredentialOfKeyAsync(string presented, CancellationToken cancellationToken)
    {
        if (IsOperationsKey(presented))
        {
            return RealtimeCredential.ForOperationsKey();
        }

        var caller = await apiKeys.AuthenticateAsync(presented, cancellationToken);
        return caller is null ? null : RealtimeCredential.ForTenantKey(caller.TenantId, caller.ApiKeyId, caller.Role);
    }

    private bool IsOperationsKey(string presented)
    {
        var operationsKey = options.Value.ApiKey;
        if (string.IsNullOrEmpty(operationsKey))
        {
            return false;
        }

        // Hashes first, so the comparison takes the same time whatever the lengths.
        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(operationsKey), expected);
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), actual);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    private static string? HeaderKey(HttpRequest request)
    {
        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        var header = request.Headers[ApiKeyDefaults.HeaderName].ToString();
        return header.Length > 0 ? header.Trim() : null;
    }
}

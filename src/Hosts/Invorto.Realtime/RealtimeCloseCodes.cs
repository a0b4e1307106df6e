using System.Net.WebSockets;
using Invorto.Application.Common;

namespace Invorto.Realtime;

/// <summary>The close-code table of spec §5.1.</summary>
public static class RealtimeCloseCodes
{
    public const WebSocketCloseStatus Normal = WebSocketCloseStatus.NormalClosure;
    public const WebSocketCloseStatus Policy = WebSocketCloseStatus.PolicyViolation;
    public const WebSocketCloseStatus TooBig = WebSocketCloseStatus.MessageTooBig;
    public const WebSocketCloseStatus Internal = WebSocketCloseStatus.InternalServerError;
    public const WebSocketCloseStatus BadRequest = (WebSocketCloseStatus)4400;
    public const WebSocketCloseStatus InvalidApiKey = (WebSocketCloseStatus)4401;
    public const WebSocketCloseStatus NotFound = (WebSocketCloseStatus)4404;
    public const WebSocketCloseStatus Conflict = (WebSocketCloseStatus)4409;
    public const WebSocketCloseStatus QuotaExceeded = (WebSocketCloseStatus)4429;
    public const WebSocketCloseStatus ProviderUnavailable = (WebSocketCloseStatus)4503;

    public static WebSocketCloseStatus For(string errorCode) => errorCode switch
    {
        ErrorCodes.BadRequest => BadRequest,
        ErrorCodes.InvalidApiKey => InvalidApiKey,
        ErrorCodes.NotFound => NotFound,
        ErrorCodes.Conflict => Conflict,
        ErrorCodes.QuotaExceeded => QuotaExceeded,
        ErrorCodes.ProviderUnavailable => ProviderUnavailable,
        ErrorCodes.PayloadTooLarge => TooBig,
        _ => Policy,
    };
}

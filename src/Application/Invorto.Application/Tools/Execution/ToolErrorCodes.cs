using System.Globalization;

namespace Invorto.Application.Tools.Execution;

/// <summary>Why a tool call failed, as the timeline and the model see it.</summary>
public static class ToolErrorCodes
{
    /// <summary>The model's arguments do not match the tool's <c>inputSchema</c> (or the schema itself is unusable); nothing was sent.</summary>
    public const string Schema = "schema";

    /// <summary>The URL's host is not on the tenant's <c>allowedToolHosts</c>, or the URL is not https; nothing was sent.</summary>
    public const string HostNotAllowed = "host_not_allowed";

    /// <summary>The host resolved to an address the SSRF guard refuses (loopback, private, link-local, metadata); nothing was sent.</summary>
    public const string AddressRefused = "address_refused";

    /// <summary>A <c>${secrets.name}</c> the tool references is not set for the tenant; nothing was sent.</summary>
    public const string SecretMissing = "secret_missing";

    /// <summary>The tool did not answer within its <c>timeoutMs</c> (all attempts together).</summary>
    public const string Timeout = "timeout";

    /// <summary>The answer was larger than 64 KB; the rest was never read.</summary>
    public const string TooLarge = "too_large";

    /// <summary>The answer was not UTF-8 text.</summary>
    public const string InvalidResponse = "invalid_response";

    /// <summary>The tool's server could not be reached (DNS, connection, TLS) or broke off its answer.</summary>
    public const string Network = "network";

    /// <summary>The model named a tool the agent does not have.</summary>
    public const string UnknownTool = "unknown_tool";

    /// <summary>The tool cannot run on this call: a client-side tool without a web client, or no tool runner configured.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>The call ended while the tool was running.</summary>
    public const string Canceled = "canceled";

    /// <summary>The tool answered with a status outside 2xx (redirects are not followed): <c>http_404</c>, <c>http_503</c>.</summary>
    public static string Http(int status) => "http_" + status.ToString(CultureInfo.InvariantCulture);
}

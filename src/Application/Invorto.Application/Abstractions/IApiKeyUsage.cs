namespace Invorto.Application.Abstractions;

/// <summary>
/// Notes that a key was used, for <c>api_keys.last_used_at</c>. Never blocks the request: implementations throttle
/// (at most one write per key per minute) and write in batches off the request path.
/// </summary>
public interface IApiKeyUsage
{
    void Touch(Guid keyId, DateTimeOffset at);
}

using Invorto.Domain.Common;

namespace Invorto.Domain.Audit;

/// <summary>
/// One administrative change of a tenant (spec §10 <c>audit_events</c>): who (the API key), what (an action such as
/// <c>secret.put</c>) and on which target. It names targets, never their contents.
/// </summary>
public sealed class AuditEvent : IAggregateRoot
{
    public const int MaxActionLength = 64;
    public const int MaxTargetTypeLength = 32;
    public const int MaxTargetIdLength = 100;

    private AuditEvent(Guid id, Guid tenantId, Guid? apiKeyId, string action, string targetType, string targetId, DateTimeOffset ts)
    {
        Id = id;
        TenantId = tenantId;
        ApiKeyId = apiKeyId;
        Action = action;
        TargetType = targetType;
        TargetId = targetId;
        Ts = ts;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    /// <summary>The key that made the change; null for changes made outside the API (the operator's command line).</summary>
    public Guid? ApiKeyId { get; private set; }

    public string Action { get; private set; }

    public string TargetType { get; private set; }

    public string TargetId { get; private set; }

    public DateTimeOffset Ts { get; private set; }

    public static AuditEvent Record(Guid id, Guid tenantId, Guid? apiKeyId, string action, string targetType, string targetId, DateTimeOffset at)
    {
        if (tenantId == Guid.Empty)
        {
            throw new DomainException("An audit event belongs to a tenant.");
        }

        return new AuditEvent(
            id,
            tenantId,
            apiKeyId,
            Require(action, MaxActionLength, "action"),
            Require(targetType, MaxTargetTypeLength, "target type"),
            Require(targetId, MaxTargetIdLength, "target id"),
            at);
    }

    private static string Require(string value, int maxLength, string what) =>
        string.IsNullOrWhiteSpace(value) || value.Length > maxLength
            ? throw new DomainException($"An audit event's {what} has 1 to {maxLength} characters.")
            : value;
}

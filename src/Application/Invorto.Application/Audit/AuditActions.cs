namespace Invorto.Application.Audit;

/// <summary>The <c>action</c> and <c>target_type</c> values of <c>audit_events</c>: <c>&lt;target&gt;.&lt;past tense&gt;</c>.</summary>
public static class AuditActions
{
    public const string SecretTarget = "secret";

    /// <summary>A secret was created or its value replaced (PUT is both).</summary>
    public const string SecretPut = "secret.put";

    public const string SecretDeleted = "secret.deleted";
}

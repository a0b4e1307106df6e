namespace Invorto.Infrastructure;

public static class HealthTags
{
    /// <summary>Checks that decide readiness (<c>/health/ready</c>); liveness (<c>/health</c>) runs none.</summary>
    public const string Ready = "ready";
}

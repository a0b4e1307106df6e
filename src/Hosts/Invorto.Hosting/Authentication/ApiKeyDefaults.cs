namespace Invorto.Hosting.Authentication;

public static class ApiKeyDefaults
{
    public const string Scheme = "ApiKey";
    public const string HeaderName = "X-API-Key";
    public const string TenantClaim = "invorto:tenant";
    public const string KeyClaim = "invorto:key";
    public const string RoleClaim = "invorto:role";
}

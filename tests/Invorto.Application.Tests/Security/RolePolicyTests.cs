using Invorto.Application.Security;
using Invorto.Domain.Tenants;

namespace Invorto.Application.Tests.Security;

public sealed class RolePolicyTests
{
    [Theory]
    [InlineData(ApiKeyRole.Admin, Permission.Read, true)]
    [InlineData(ApiKeyRole.Admin, Permission.Operate, true)]
    [InlineData(ApiKeyRole.Admin, Permission.Administer, true)]
    [InlineData(ApiKeyRole.Dev, Permission.Read, true)]
    [InlineData(ApiKeyRole.Dev, Permission.Operate, true)]
    [InlineData(ApiKeyRole.Dev, Permission.Administer, false)]
    [InlineData(ApiKeyRole.Analyst, Permission.Read, true)]
    [InlineData(ApiKeyRole.Analyst, Permission.Operate, false)]
    [InlineData(ApiKeyRole.Analyst, Permission.Administer, false)]
    public void Roles_allow_what_the_spec_says(ApiKeyRole role, Permission permission, bool allowed)
    {
        RolePolicy.Allows(role, permission).ShouldBe(allowed);
    }

    [Fact]
    public void An_undefined_role_allows_nothing()
    {
        foreach (var permission in Enum.GetValues<Permission>())
        {
            RolePolicy.Allows((ApiKeyRole)42, permission).ShouldBeFalse();
        }
    }
}

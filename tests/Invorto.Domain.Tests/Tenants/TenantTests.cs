using Invorto.Domain.Common;
using Invorto.Domain.Tenants;

namespace Invorto.Domain.Tests.Tenants;

public sealed class TenantTests
{
    private readonly Tenant _tenant = Tenant.Create(Guid.NewGuid(), "acme", DateTimeOffset.UnixEpoch);

    [Fact]
    public void Allowed_tool_hosts_are_trimmed_lower_cased_and_deduplicated()
    {
        _tenant.ChangeAllowedToolHosts([" API.Example.com ", "api.example.com", "*.acme.in"]);

        _tenant.AllowedToolHosts.ShouldBe(["api.example.com", "*.acme.in"]);
    }

    [Fact]
    public void An_empty_list_clears_the_allowed_tool_hosts()
    {
        _tenant.ChangeAllowedToolHosts(["api.example.com"]);

        _tenant.ChangeAllowedToolHosts([]);

        _tenant.AllowedToolHosts.ShouldBeEmpty();
    }

    [Fact]
    public void Blank_or_too_many_tool_hosts_are_refused()
    {
        Should.Throw<DomainException>(() => _tenant.ChangeAllowedToolHosts(["ok.example.com", " "]));
        Should.Throw<DomainException>(() => _tenant.ChangeAllowedToolHosts(Enumerable.Range(0, Tenant.MaxAllowedToolHosts + 1).Select(i => $"h{i}.example.com")));
        _tenant.AllowedToolHosts.ShouldBeEmpty();
    }
}

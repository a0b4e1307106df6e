using Invorto.Application.Common;
using Invorto.Application.Conversations;
using Invorto.Domain.Calls;

namespace Invorto.Application.Tests.Conversations;

public sealed class LoadCallConversationHandlerTests
{
    private readonly ConversationTestData _data = new();

    private LoadCallConversationHandler Handler() => new(_data.Calls, _data.Agents, _data.Tenants);

    [Fact]
    public async Task Live_call_runs_the_agent_version_it_was_created_with()
    {
        var tenant = _data.AddTenant(maxConcurrentCalls: 7);
        var agent = _data.AddAgent(tenant.Id);
        var call = _data.AddWebCall(agent, version: 1);

        var result = await Handler().HandleAsync(call.Id, tenant.Id, CancellationToken.None);

        var setup = result.Value!;
        setup.CallId.ShouldBe(call.Id);
        setup.TenantId.ShouldBe(tenant.Id);
        setup.AgentId.ShouldBe(agent.Id);
        setup.AgentVersion.ShouldBe(1);
        setup.Config.Prompt.ShouldBe("first");
        setup.Direction.ShouldBe(CallDirection.Web);
        setup.TenantConcurrencyLimit.ShouldBe(7);
        setup.ExternalRef.ShouldBe("client-ref");
        setup.CreatedNow.ShouldBeFalse();
        setup.IsCanary.ShouldBeFalse();
    }

    [Fact]
    public async Task Without_an_expected_tenant_any_tenants_live_call_loads()
    {
        var tenant = _data.AddTenant();
        var call = _data.AddWebCall(_data.AddAgent(tenant.Id));

        var result = await Handler().HandleAsync(call.Id, null, CancellationToken.None);

        result.Value!.TenantId.ShouldBe(tenant.Id);
    }

    [Fact]
    public async Task Ended_call_is_not_found()
    {
        var tenant = _data.AddTenant();
        var call = _data.AddWebCall(_data.AddAgent(tenant.Id), ended: true);

        var result = await Handler().HandleAsync(call.Id, tenant.Id, CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.NotFound);
    }

    [Fact]
    public async Task Another_tenants_call_is_not_found()
    {
        var call = _data.AddWebCall(_data.AddAgent(_data.AddTenant().Id));

        var result = await Handler().HandleAsync(call.Id, Guid.NewGuid(), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.NotFound);
    }

    [Fact]
    public async Task Unknown_call_is_not_found()
    {
        var result = await Handler().HandleAsync(Guid.NewGuid(), null, CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.NotFound);
    }

    [Fact]
    public async Task A_live_call_takes_the_tenants_tool_hosts_into_the_session()
    {
        var tenant = _data.AddTenant();
        tenant.ChangeAllowedToolHosts(["api.example.com"]);
        var call = _data.AddWebCall(_data.AddAgent(tenant.Id));

        var result = await Handler().HandleAsync(call.Id, tenant.Id, CancellationToken.None);

        result.Value!.AllowedToolHosts.ShouldBe(["api.example.com"]);
    }
}

using Ardalis.Specification;
using Invorto.Application.Abstractions;
using Invorto.Application.Agents.Configuration;
using Invorto.Application.Calls;
using Invorto.Application.Calls.SpendCap;
using Invorto.Application.Common;
using Invorto.Application.Conversations;
using Invorto.Domain.Calls;
using Invorto.Domain.Concurrency;
using Invorto.Domain.Tenants;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace Invorto.Application.Tests.Conversations;

public sealed class OpenWebSessionHandlerTests
{
    private readonly ConversationTestData _data = new();
    private readonly IRepository<Call> _stored = Substitute.For<IRepository<Call>>();
    private readonly IConcurrencyLimiter _limiter = Substitute.For<IConcurrencyLimiter>();
    private readonly IIdGenerator _ids = Substitute.For<IIdGenerator>();
    private readonly ISpendLedger _ledger = Substitute.For<ISpendLedger>();
    private readonly FakeTimeProvider _clock = new(ConversationTestData.T0.AddHours(1));
    private readonly Guid _newId = Guid.CreateVersion7();
    private readonly IReadOnlyList<ConcurrencyScope> _scopes = [ConcurrencyScope.Global(10)];

    public OpenWebSessionHandlerTests()
    {
        _ids.NewId().Returns(_newId);
        ActiveCalls(0);
        _limiter.AcquireAsync(Arg.Any<ConcurrencyRequest>(), Arg.Any<CancellationToken>())
            .Returns(call => ConcurrencyAdmission.Admitted(call.Arg<ConcurrencyRequest>().Slot, _scopes, _clock.GetUtcNow().AddMinutes(10)));
    }

    private OpenWebSessionHandler Handler(int platformCap = 200, CanarySettings? canary = null, decimal? dailySpendCapInr = null) => new(
        new OpenWebSessionValidator(),
        new LoadCallConversationHandler(_data.Calls, _data.Agents, _data.Tenants),
        _data.Tenants,
        _data.Agents,
        _stored,
        new CallAdmission(_data.Calls, _limiter, new CallAdmissionLimits(platformCap, TimeSpan.FromSeconds(30))),
        new SpendCapGuard(_ledger, new SpendCapDefaults(dailySpendCapInr), _clock),
        _ids,
        canary ?? CanarySettings.Default,
        _clock);

    private void ActiveCalls(int count) =>
        _data.Calls.CountAsync(Arg.Any<ISpecification<Call>>(), Arg.Any<CancellationToken>()).Returns(count);

    private static OpenWebSessionCommand Start(RealtimeCredential credential, string? callId = null, string? agentId = null, string? locale = null, int sampleRate = 16000) =>
        new(credential, callId, agentId, locale, sampleRate);

    private static RealtimeCredential TenantKey(Guid tenantId, ApiKeyRole role = ApiKeyRole.Dev) =>
        RealtimeCredential.ForTenantKey(tenantId, Guid.NewGuid(), role);

    private async Task NothingStoredOrAdmitted()
    {
        await _stored.DidNotReceiveWithAnyArgs().AddAsync(default!, default);
        await _limiter.DidNotReceiveWithAnyArgs().AcquireAsync(default!, default);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(44100)]
    [InlineData(24000)]
    public async Task Sample_rate_other_than_8000_or_16000_is_bad_request(int sampleRate)
    {
        var result = await Handler().HandleAsync(Start(RealtimeCredential.ForOperationsKey(), agentId: CanaryAgent.Id, sampleRate: sampleRate), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.BadRequest);
        result.Error.Fields!.Keys.ShouldContain("sampleRate");
    }

    [Fact]
    public async Task Token_attaches_to_its_own_call_and_ignores_the_requested_call_id()
    {
        var tenant = _data.AddTenant();
        var agent = _data.AddAgent(tenant.Id);
        var call = _data.AddWebCall(agent);
        var other = _data.AddWebCall(agent);

        var result = await Handler().HandleAsync(Start(RealtimeCredential.ForToken(tenant.Id, call.Id), callId: other.Id.ToString(), sampleRate: 8000), CancellationToken.None);

        result.Value!.CallId.ShouldBe(call.Id);
        result.Value.CreatedNow.ShouldBeFalse();
        await NothingStoredOrAdmitted();
    }

    [Fact]
    public async Task Token_for_an_ended_call_is_not_found()
    {
        var tenant = _data.AddTenant();
        var call = _data.AddWebCall(_data.AddAgent(tenant.Id), ended: true);

        var result = await Handler().HandleAsync(Start(RealtimeCredential.ForToken(tenant.Id, call.Id)), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.NotFound);
    }

    [Fact]
    public async Task Token_naming_another_tenants_call_is_not_found()
    {
        var call = _data.AddWebCall(_data.AddAgent(_data.AddTenant().Id));

        var result = await Handler().HandleAsync(Start(RealtimeCredential.ForToken(Guid.NewGuid(), call.Id)), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.NotFound);
    }

    [Fact]
    public async Task Operations_key_starts_the_canary_with_a_fresh_id_and_nothing_stored_or_admitted()
    {
        var result = await Handler().HandleAsync(Start(RealtimeCredential.ForOperationsKey(), callId: "canary-1", agentId: CanaryAgent.Id), CancellationToken.None);

        var setup = result.Value!;
        setup.IsCanary.ShouldBeTrue();
        setup.CallId.ShouldBe(_newId);
        setup.TenantId.ShouldBe(CanaryAgent.SystemTenantId);
        setup.Config.ShouldBe(CanaryAgent.Config);
        setup.Direction.ShouldBe(CallDirection.Web);
        setup.ExternalRef.ShouldBe("canary-1");
        setup.TenantConcurrencyLimit.ShouldBeNull();
        await NothingStoredOrAdmitted();
    }

    [Fact]
    public async Task Operations_key_starts_the_canary_with_the_barge_in_thresholds_the_operator_set()
    {
        var canary = new CanarySettings(new BargeInSettings { MinSpeechMs = 20, MinWords = 1 });

        var result = await Handler(canary: canary).HandleAsync(Start(RealtimeCredential.ForOperationsKey(), agentId: CanaryAgent.Id), CancellationToken.None);

        result.Value!.Config.BargeIn.ShouldBe(new BargeInSettings { MinSpeechMs = 20, MinWords = 1 });
        result.Value.Config.ShouldBe(CanaryAgent.Config with { BargeIn = canary.BargeIn });
    }

    [Fact]
    public void Canary_agent_answers_with_the_offline_providers()
    {
        var config = CanaryAgent.Config;

        config.FirstMessage.ShouldBe("Hello from the Invorto canary.");
        config.ConsentPrompt.ShouldBeNull();
        (config.Asr.Provider, config.Llm.Provider, config.Voice.Provider).ShouldBe(("pocketsphinx", "rules", "espeak"));
        new AgentConfigValidator().Validate(config).IsValid.ShouldBeTrue();
    }

    [Fact]
    public async Task Operations_key_joins_a_live_call_of_any_tenant()
    {
        var tenant = _data.AddTenant();
        var call = _data.AddWebCall(_data.AddAgent(tenant.Id));

        var result = await Handler().HandleAsync(Start(RealtimeCredential.ForOperationsKey(), callId: call.Id.ToString()), CancellationToken.None);

        result.Value!.CallId.ShouldBe(call.Id);
        result.Value.TenantId.ShouldBe(tenant.Id);
        result.Value.IsCanary.ShouldBeFalse();
        await NothingStoredOrAdmitted();
    }

    [Fact]
    public async Task Operations_key_cannot_start_a_tenants_agent()
    {
        var agent = _data.AddAgent(_data.AddTenant().Id);

        var result = await Handler().HandleAsync(Start(RealtimeCredential.ForOperationsKey(), callId: "ops-1", agentId: agent.Id.ToString()), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.NotFound);
        await NothingStoredOrAdmitted();
    }

    [Fact]
    public async Task Read_only_key_is_forbidden()
    {
        var tenant = _data.AddTenant();
        var agent = _data.AddAgent(tenant.Id);

        var result = await Handler().HandleAsync(Start(TenantKey(tenant.Id, ApiKeyRole.Analyst), agentId: agent.Id.ToString()), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        await NothingStoredOrAdmitted();
    }

    [Fact]
    public async Task Tenant_key_attaches_to_a_live_call_of_its_tenant()
    {
        var tenant = _data.AddTenant();
        var agent = _data.AddAgent(tenant.Id);
        var call = _data.AddWebCall(agent);

        var result = await Handler().HandleAsync(Start(TenantKey(tenant.Id), callId: call.Id.ToString(), agentId: agent.Id.ToString()), CancellationToken.None);

        result.Value!.CallId.ShouldBe(call.Id);
        result.Value.CreatedNow.ShouldBeFalse();
        await NothingStoredOrAdmitted();
    }

    [Fact]
    public async Task Tenant_key_starts_a_web_call_at_the_agents_current_version_after_admission()
    {
        var tenant = _data.AddTenant(maxConcurrentCalls: 5);
        var agent = _data.AddAgent(tenant.Id);

        var result = await Handler().HandleAsync(Start(TenantKey(tenant.Id), callId: "c_1", agentId: agent.Id.ToString()), CancellationToken.None);

        var setup = result.Value!;
        setup.CallId.ShouldBe(_newId);
        setup.CreatedNow.ShouldBeTrue();
        setup.AgentVersion.ShouldBe(2);
        setup.Config.Prompt.ShouldBe("second");
        setup.ExternalRef.ShouldBe("c_1");
        setup.TenantConcurrencyLimit.ShouldBe(5);
        Received.InOrder(() =>
        {
            _limiter.AcquireAsync(Arg.Is<ConcurrencyRequest>(r => r.Slot == SlotId.ForCall(_newId) && r.TenantId == tenant.Id), Arg.Any<CancellationToken>());
            _stored.AddAsync(
                Arg.Is<Call>(c => c.Id == _newId && c.Direction == CallDirection.Web && c.Status == CallStatus.InProgress && c.ExternalRef == "c_1" && c.AgentVersion == 2),
                Arg.Any<CancellationToken>());
        });
    }

    [Fact]
    public async Task Tenant_key_with_a_call_id_of_another_tenant_starts_a_new_call_keeping_it_as_external_ref()
    {
        var foreign = _data.AddWebCall(_data.AddAgent(_data.AddTenant().Id));
        var tenant = _data.AddTenant();
        var agent = _data.AddAgent(tenant.Id);

        var result = await Handler().HandleAsync(Start(TenantKey(tenant.Id), callId: foreign.Id.ToString(), agentId: agent.Id.ToString()), CancellationToken.None);

        result.Value!.CallId.ShouldBe(_newId);
        result.Value.TenantId.ShouldBe(tenant.Id);
        result.Value.ExternalRef.ShouldBe(foreign.Id.ToString());
    }

    [Fact]
    public async Task Tenant_key_without_a_call_id_stores_an_empty_external_ref()
    {
        var tenant = _data.AddTenant();
        var agent = _data.AddAgent(tenant.Id);

        var result = await Handler().HandleAsync(Start(TenantKey(tenant.Id), agentId: agent.Id.ToString()), CancellationToken.None);

        result.IsSuccess.ShouldBeTrue();
        await _stored.Received(1).AddAsync(Arg.Is<Call>(c => c.ExternalRef == string.Empty), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Missing_agent_id_is_bad_request()
    {
        var tenant = _data.AddTenant();

        var result = await Handler().HandleAsync(Start(TenantKey(tenant.Id), callId: "c_1"), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.BadRequest);
        result.Error.Fields!.Keys.ShouldContain("agentId");
        await NothingStoredOrAdmitted();
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData(CanaryAgent.Id)]
    [InlineData("0190f0e0-0000-7000-8000-000000000001")]
    public async Task Unknown_agent_is_not_found(string agentId)
    {
        var tenant = _data.AddTenant();

        var result = await Handler().HandleAsync(Start(TenantKey(tenant.Id), agentId: agentId), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.NotFound);
        await NothingStoredOrAdmitted();
    }

    [Fact]
    public async Task Another_tenants_agent_is_not_found()
    {
        var agent = _data.AddAgent(_data.AddTenant().Id);
        var tenant = _data.AddTenant();

        var result = await Handler().HandleAsync(Start(TenantKey(tenant.Id), agentId: agent.Id.ToString()), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.NotFound);
    }

    [Fact]
    public async Task Archived_agent_is_not_found()
    {
        var tenant = _data.AddTenant();
        var agent = _data.AddAgent(tenant.Id, archived: true);

        var result = await Handler().HandleAsync(Start(TenantKey(tenant.Id), agentId: agent.Id.ToString()), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.NotFound);
        await NothingStoredOrAdmitted();
    }

    [Fact]
    public async Task Tenant_at_its_cap_is_quota_exceeded_and_nothing_is_stored()
    {
        var tenant = _data.AddTenant();
        var agent = _data.AddAgent(tenant.Id);
        ActiveCalls(3);

        var result = await Handler(platformCap: 3).HandleAsync(Start(TenantKey(tenant.Id), agentId: agent.Id.ToString()), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.QuotaExceeded);
        await NothingStoredOrAdmitted();
    }

    [Fact]
    public async Task A_tenant_whose_calls_today_reached_its_spend_cap_cannot_start_a_web_call()
    {
        var tenant = _data.AddTenant();
        var agent = _data.AddAgent(tenant.Id);
        _ledger.SpentAsync(tenant.Id, Arg.Any<DateTimeOffset>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(500m);

        var under = await Handler(dailySpendCapInr: 501m).HandleAsync(Start(TenantKey(tenant.Id), agentId: agent.Id.ToString()), CancellationToken.None);
        _stored.ClearReceivedCalls();
        _limiter.ClearReceivedCalls();
        var over = await Handler(dailySpendCapInr: 500m).HandleAsync(Start(TenantKey(tenant.Id), agentId: agent.Id.ToString()), CancellationToken.None);

        under.IsSuccess.ShouldBeTrue();
        over.Error!.Code.ShouldBe(ErrorCodes.QuotaExceeded);
        await NothingStoredOrAdmitted();
    }

    [Fact]
    public async Task Full_concurrency_scope_is_quota_exceeded()
    {
        var tenant = _data.AddTenant();
        var agent = _data.AddAgent(tenant.Id);
        _limiter.AcquireAsync(Arg.Any<ConcurrencyRequest>(), Arg.Any<CancellationToken>())
            .Returns(call => ConcurrencyAdmission.Rejected(call.Arg<ConcurrencyRequest>().Slot, _scopes, _scopes[0]));

        var result = await Handler().HandleAsync(Start(TenantKey(tenant.Id), agentId: agent.Id.ToString()), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.QuotaExceeded);
        await _stored.DidNotReceiveWithAnyArgs().AddAsync(default!, default);
    }

    [Fact]
    public async Task Unreachable_limiter_is_provider_unavailable()
    {
        var tenant = _data.AddTenant();
        var agent = _data.AddAgent(tenant.Id);
        _limiter.AcquireAsync(Arg.Any<ConcurrencyRequest>(), Arg.Any<CancellationToken>())
            .Returns(call => ConcurrencyAdmission.Unavailable(call.Arg<ConcurrencyRequest>().Slot, _scopes));

        var result = await Handler().HandleAsync(Start(TenantKey(tenant.Id), agentId: agent.Id.ToString()), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.ProviderUnavailable);
        await _stored.DidNotReceiveWithAnyArgs().AddAsync(default!, default);
    }

    [Fact]
    public async Task Failure_to_store_the_call_gives_its_slot_back()
    {
        var tenant = _data.AddTenant();
        var agent = _data.AddAgent(tenant.Id);
        _stored.AddAsync(Arg.Any<Call>(), Arg.Any<CancellationToken>()).ThrowsAsync(new InvalidOperationException("database down"));

        await Should.ThrowAsync<InvalidOperationException>(() => Handler().HandleAsync(Start(TenantKey(tenant.Id), agentId: agent.Id.ToString()), CancellationToken.None));

        await _limiter.Received(1).ReleaseAsync(SlotId.ForCall(_newId), _scopes, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Locale_overrides_the_agents_locale_for_the_session_only()
    {
        var tenant = _data.AddTenant();
        var agent = _data.AddAgent(tenant.Id);

        var result = await Handler().HandleAsync(Start(TenantKey(tenant.Id), agentId: agent.Id.ToString(), locale: "ta-IN"), CancellationToken.None);

        result.Value!.Config.Locale.ShouldBe("ta-IN");
        result.Value.Config.Prompt.ShouldBe("second");
    }

    [Fact]
    public async Task Without_a_locale_the_agents_own_locale_applies()
    {
        var tenant = _data.AddTenant();
        var agent = _data.AddAgent(tenant.Id);

        var result = await Handler().HandleAsync(Start(TenantKey(tenant.Id), agentId: agent.Id.ToString()), CancellationToken.None);

        result.Value!.Config.Locale.ShouldBe("hi-IN");
    }

    [Fact]
    public async Task Blank_locale_is_bad_request()
    {
        var result = await Handler().HandleAsync(Start(RealtimeCredential.ForOperationsKey(), agentId: CanaryAgent.Id, locale: " "), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.BadRequest);
    }

    [Fact]
    public async Task A_new_web_call_takes_the_tenants_tool_hosts_into_the_session()
    {
        var tenant = _data.AddTenant();
        tenant.ChangeAllowedToolHosts(["api.example.com", "*.acme.in"]);
        var agent = _data.AddAgent(tenant.Id);

        var result = await Handler().HandleAsync(Start(TenantKey(tenant.Id), agentId: agent.Id.ToString()), CancellationToken.None);

        result.Value!.AllowedToolHosts.ShouldBe(["api.example.com", "*.acme.in"]);
    }
}

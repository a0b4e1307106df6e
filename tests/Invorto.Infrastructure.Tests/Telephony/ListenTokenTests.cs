using Invorto.Infrastructure.Configuration;
using Invorto.Infrastructure.Persistence;
using Invorto.Infrastructure.Realtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Invorto.Infrastructure.Tests.Telephony;

public sealed class ListenTokenTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UnixEpoch.AddYears(56));
    private readonly Guid _call = Guid.NewGuid();
    private readonly Guid _tenant = Guid.NewGuid();
    private readonly Guid _agent = Guid.NewGuid();

    private ListenToken Tokens(string secret = "0123456789abcdef0123456789abcdef") =>
        new(new RealtimeSigningKey(
            Options.Create(new RealtimeOptions { WsSecret = secret }),
            Options.Create(new DatabaseOptions()),
            new HostingEnvironment { EnvironmentName = Environments.Production }), _clock);

    [Fact]
    public void Minted_token_verifies_for_its_call()
    {
        var tokens = Tokens();

        tokens.Verify(tokens.Mint(_call, _tenant, _agent), _call, _tenant, _agent).ShouldBeTrue();
    }

    [Fact]
    public void Token_for_another_call_tenant_or_agent_is_refused()
    {
        var tokens = Tokens();
        var token = tokens.Mint(_call, _tenant, _agent);

        tokens.Verify(token, Guid.NewGuid(), _tenant, _agent).ShouldBeFalse();
        tokens.Verify(token, _call, Guid.NewGuid(), _agent).ShouldBeFalse();
        tokens.Verify(token, _call, _tenant, Guid.NewGuid()).ShouldBeFalse();
    }

    [Fact]
    public void Forged_or_foreign_token_is_refused()
    {
        var token = Tokens("another-secret-another-secret-another").Mint(_call, _tenant, _agent);

        Tokens().Verify(token, _call, _tenant, _agent).ShouldBeFalse();
        Tokens().Verify(token[..^2] + "AA", _call, _tenant, _agent).ShouldBeFalse();
        Tokens().Verify(null, _call, _tenant, _agent).ShouldBeFalse();
    }

    [Fact]
    public void Expired_token_is_refused()
    {
        var tokens = Tokens();
        var token = tokens.Mint(_call, _tenant, _agent);

        _clock.Advance(ListenToken.Lifetime + TimeSpan.FromSeconds(1));

        tokens.Verify(token, _call, _tenant, _agent).ShouldBeFalse();
    }

    [Fact]
    public void Production_without_a_secret_refuses_to_sign()
    {
        var tokens = new ListenToken(
            new RealtimeSigningKey(Options.Create(new RealtimeOptions()), Options.Create(new DatabaseOptions()), new HostingEnvironment { EnvironmentName = Environments.Production }),
            _clock);

        Should.Throw<InvalidOperationException>(() => tokens.Mint(_call, _tenant, _agent)).Message.ShouldContain("REALTIME_WS_SECRET");
    }

    [Fact]
    public void Development_without_a_secret_shares_one_file_secret_between_processes()
    {
        var data = Directory.CreateTempSubdirectory("invorto-secret-").FullName;
        RealtimeSigningKey Key() => new(Options.Create(new RealtimeOptions()), Options.Create(new DatabaseOptions { DataDir = data }), new HostingEnvironment { EnvironmentName = Environments.Development });

        var token = new ListenToken(Key(), _clock).Mint(_call, _tenant, _agent);

        new ListenToken(Key(), _clock).Verify(token, _call, _tenant, _agent).ShouldBeTrue();
        File.Exists(Path.Combine(data, "realtime-ws.secret")).ShouldBeTrue();
        Directory.Delete(data, recursive: true);
    }

    [Theory]
    [InlineData("99999999999999")]
    [InlineData("9223372036854775807")]
    [InlineData("-9223372036854775808")]
    public void Token_whose_exp_is_beyond_any_date_is_refused_without_throwing(string exp)
    {
        var token = $"{_call:N}.{_tenant:N}.{_agent:N}.{exp}.AAAAAAAAAAAAAAAAAAAAAA";

        Tokens().Verify(token, _call, _tenant, _agent).ShouldBeFalse();
    }
}

using System.Text.Json;
using Ardalis.Specification;
using Invorto.Application.Abstractions;
using Invorto.Application.Agents.Configuration;
using Invorto.Domain.Secrets;
using NSubstitute;

namespace Invorto.Application.Tests.Agents;

public sealed class AgentTargetChecksTests
{
    private readonly IReadRepository<TenantSecret> _secrets = Substitute.For<IReadRepository<TenantSecret>>();

    public AgentTargetChecksTests() =>
        _secrets.ListAsync(Arg.Any<ISpecification<TenantSecret, string>>(), Arg.Any<CancellationToken>()).Returns(["crm_token"]);

    private async Task<IReadOnlyDictionary<string, string[]>> ProblemsAsync(string configJson, string[]? allowedHosts = null, bool allowPrivate = false)
    {
        using var document = JsonDocument.Parse(configJson);
        var config = AgentConfigParser.Parse(document.RootElement);
        config.Errors.ShouldBeEmpty();
        return await AgentTargets.Checks(_secrets, allowPrivate).ProblemsAsync(Guid.NewGuid(), allowedHosts ?? [], config.Config!, CancellationToken.None);
    }

    private static string WithTool(string url, string headers = "{}") =>
        $$"""{"prompt":"p","tools":[{"name":"t","url":"{{url}}","headers":{{headers}}}]}""";

    [Fact]
    public async Task A_public_https_tool_and_public_endpoints_pass()
    {
        var problems = await ProblemsAsync("""
            {"prompt":"p","llm":{"provider":"openai","baseUrl":"https://llm.example.com/v1"},
             "tools":[{"name":"t","url":"https://api.example.com/x","headers":{"Authorization":"Bearer ${secrets.crm_token}"}}]}
            """);

        problems.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("https://10.0.0.5/book")]
    [InlineData("https://127.0.0.1/book")]
    [InlineData("https://[::ffff:10.0.0.1]/book")]
    [InlineData("https://localhost/book")]
    [InlineData("http://api.example.com/book")]
    public async Task A_tool_that_tools_validate_would_refuse_is_refused_at_its_url(string url)
    {
        var problems = await ProblemsAsync(WithTool(url));

        problems.Keys.ShouldBe(["config.tools[0].url"]);
    }

    [Fact]
    public async Task The_metadata_address_is_refused_even_where_private_targets_are_allowed()
    {
        var problems = await ProblemsAsync(WithTool("http://169.254.169.254/latest"), allowPrivate: true);

        problems["config.tools[0].url"].ShouldHaveSingleItem().ShouldContain("metadata");
    }

    [Fact]
    public async Task Loopback_http_tools_pass_where_private_targets_are_allowed()
    {
        (await ProblemsAsync(WithTool("http://127.0.0.1:5000/book"), allowPrivate: true)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_host_off_the_tenants_allow_list_is_refused()
    {
        var problems = await ProblemsAsync(WithTool("https://evil.example.net/x"), allowedHosts: ["*.example.com"]);

        problems["config.tools[0].url"].ShouldHaveSingleItem().ShouldContain("allowedToolHosts");
        (await ProblemsAsync(WithTool("https://api.example.com/x"), allowedHosts: ["*.example.com"])).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_secret_the_tenant_does_not_have_is_refused_at_its_header()
    {
        var problems = await ProblemsAsync(WithTool("https://api.example.com/x", """{"X-Key":"${secrets.missing}"}"""));

        problems["config.tools[0].headers.X-Key"].ShouldHaveSingleItem().ShouldContain("'missing' does not exist");
    }

    [Fact]
    public async Task A_url_placeholder_missing_from_the_input_schema_is_refused()
    {
        var problems = await ProblemsAsync(WithTool("https://api.example.com/orders/{orderId}"));

        problems["config.tools[0].url"].ShouldHaveSingleItem().ShouldContain("{orderId}");
    }

    [Theory]
    [InlineData("llm", "http://localhost:11434/v1")]
    [InlineData("llm", "http://192.168.1.20:8000/v1")]
    [InlineData("voice", "http://10.1.2.3:8880/v1")]
    [InlineData("asr", "http://[fd00::1]:9000/v1")]
    public async Task A_private_provider_endpoint_is_refused_unless_private_targets_are_allowed(string block, string baseUrl)
    {
        var provider = block == "llm" ? "" : "\"provider\":\"openai\",";
        var config = $$$"""{"prompt":"p","{{{block}}}":{{{{provider}}}"baseUrl":"{{{baseUrl}}}"}}""";

        (await ProblemsAsync(config)).Keys.ShouldBe([$"config.{block}.baseUrl"]);
        (await ProblemsAsync(config, allowPrivate: true)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_fallback_endpoint_on_the_metadata_address_is_refused_always()
    {
        var problems = await ProblemsAsync(
            """{"prompt":"p","llm":{"fallback":{"provider":"openai","baseUrl":"http://169.254.169.254/v1"}}}""", allowPrivate: true);

        problems.Keys.ShouldBe(["config.llm.fallback.baseUrl"]);
    }

    [Fact]
    public async Task A_client_side_tool_has_no_target_to_check()
    {
        (await ProblemsAsync("""{"prompt":"p","tools":[{"name":"show_map","clientSide":true}]}""")).ShouldBeEmpty();
    }
}

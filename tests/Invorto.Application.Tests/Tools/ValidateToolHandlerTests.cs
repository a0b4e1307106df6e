using System.Text.Json;
using Ardalis.Specification;
using Invorto.Application.Abstractions;
using Invorto.Application.Tools;
using Invorto.Application.Tools.ValidateTool;
using Invorto.Domain.Secrets;
using Invorto.Domain.Tenants;
using NSubstitute;

namespace Invorto.Application.Tests.Tools;

public sealed class ValidateToolHandlerTests
{
    private const string GoodTool = """
        {"name":"get_order_status","method":"GET","url":"https://api.example.com/orders/{orderId}",
         "inputSchema":{"type":"object","properties":{"orderId":{"type":"string"}},"required":["orderId"]}}
        """;

    private readonly IReadRepository<Tenant> _tenants = Substitute.For<IReadRepository<Tenant>>();
    private readonly IReadRepository<TenantSecret> _secrets = Substitute.For<IReadRepository<TenantSecret>>();
    private readonly Tenant _tenant = Tenant.Create(Guid.NewGuid(), "acme", DateTimeOffset.UnixEpoch);

    public ValidateToolHandlerTests()
    {
        _tenants.GetByIdAsync(_tenant.Id, Arg.Any<CancellationToken>()).Returns(_tenant);
        TenantHasSecrets();
    }

    private void TenantHasSecrets(params string[] names) =>
        _secrets.ListAsync(Arg.Any<ISpecification<TenantSecret, string>>(), Arg.Any<CancellationToken>()).Returns([.. names]);

    private async Task<ToolValidationDto> ValidateAsync(string json, bool allowPrivate = false)
    {
        using var document = JsonDocument.Parse(json);
        var result = await new ValidateToolHandler(_tenants, new ToolTargetChecks(new ToolTargetSettings(allowPrivate), _secrets))
            .HandleAsync(new ValidateToolCommand(_tenant.Id, document.RootElement.Clone()), CancellationToken.None);
        return result.Value!;
    }

    private static JsonElement With(string json, string property, string valueJson)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node[property] = System.Text.Json.Nodes.JsonNode.Parse(valueJson);
        return JsonSerializer.SerializeToElement(node);
    }

    [Fact]
    public async Task A_good_tool_is_valid_without_problems()
    {
        var verdict = await ValidateAsync(GoodTool);

        verdict.Valid.ShouldBeTrue();
        verdict.Problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task Agent_config_rules_apply_with_paths_inside_the_tool()
    {
        var verdict = await ValidateAsync("""{"name":"Bad Name","url":"https://api.example.com/x","timeoutMs":5,"colour":"red"}""");

        verdict.Valid.ShouldBeFalse();
        verdict.Problems.Select(problem => problem.Field).ShouldBe(["colour"]);
    }

    [Fact]
    public async Task Range_rules_name_the_field()
    {
        var verdict = await ValidateAsync("""{"name":"Bad Name","url":"https://api.example.com/x","timeoutMs":5}""");

        verdict.Problems.Select(problem => problem.Field).ShouldBe(["name", "timeoutMs"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_placeholder_missing_from_the_input_schema_is_an_error()
    {
        var verdict = await ValidateAsync(With(GoodTool, "url", "\"https://api.example.com/orders/{orderId}/{lineId}\"").GetRawText());

        verdict.Valid.ShouldBeFalse();
        verdict.Problems.ShouldHaveSingleItem().ShouldBe(new ToolProblemDto("url", "placeholder {lineId} is not a property of inputSchema", "error"));
    }

    [Fact]
    public async Task A_placeholder_that_is_not_required_is_an_error_on_required()
    {
        var verdict = await ValidateAsync(With(GoodTool, "inputSchema", """{"type":"object","properties":{"orderId":{"type":"string"}}}""").GetRawText());

        verdict.Problems.ShouldHaveSingleItem().Field.ShouldBe("inputSchema.required");
    }

    [Fact]
    public async Task Http_is_refused_unless_private_targets_are_allowed()
    {
        var tool = With(GoodTool, "url", "\"http://api.example.com/orders/{orderId}\"").GetRawText();

        (await ValidateAsync(tool)).Problems.ShouldHaveSingleItem().Field.ShouldBe("url");
        (await ValidateAsync(tool, allowPrivate: true)).Valid.ShouldBeTrue();
    }

    [Theory]
    [InlineData("https://127.0.0.1/orders/{orderId}")]
    [InlineData("https://169.254.169.254/orders/{orderId}")]
    [InlineData("https://[::1]/orders/{orderId}")]
    [InlineData("https://localhost/orders/{orderId}")]
    [InlineData("https://10.0.0.8:8443/orders/{orderId}")]
    public async Task Literal_private_addresses_are_refused(string url)
    {
        var verdict = await ValidateAsync(With(GoodTool, "url", JsonSerializer.Serialize(url)).GetRawText());

        verdict.Valid.ShouldBeFalse();
        verdict.Problems.ShouldContain(problem => problem.Field == "url" && (problem.Message.Contains("private") || problem.Message.Contains("metadata")));
    }

    [Fact]
    public async Task A_host_off_the_tenants_allow_list_is_refused()
    {
        _tenant.ChangeAllowedToolHosts(["crm.acme.in"]);

        var verdict = await ValidateAsync(GoodTool);

        verdict.Valid.ShouldBeFalse();
        verdict.Problems.ShouldHaveSingleItem().Message.ShouldContain("allowedToolHosts");
    }

    [Fact]
    public async Task Placeholders_in_the_host_are_refused()
    {
        var verdict = await ValidateAsync(With(GoodTool, "url", "\"https://{orderId}.example.com/x\"").GetRawText());

        verdict.Problems.ShouldContain(problem => problem.Field == "url" && problem.Message.Contains("never in the host"));
    }

    [Fact]
    public async Task A_reference_to_a_secret_the_tenant_has_keeps_the_tool_valid()
    {
        TenantHasSecrets("crm", "other");

        var verdict = await ValidateAsync(With(GoodTool, "headers", """{"Authorization":"Bearer ${secrets.crm}"}""").GetRawText());

        verdict.Valid.ShouldBeTrue();
        verdict.Problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_reference_to_a_secret_the_tenant_lacks_is_an_error_naming_it()
    {
        TenantHasSecrets("other");

        var verdict = await ValidateAsync(With(GoodTool, "headers", """{"Authorization":"Bearer ${secrets.crm}"}""").GetRawText());

        verdict.Valid.ShouldBeFalse();
        var problem = verdict.Problems.ShouldHaveSingleItem();
        problem.Field.ShouldBe("headers.Authorization");
        problem.Severity.ShouldBe("error");
        problem.Message.ShouldContain("secret 'crm' does not exist");
    }

    [Theory]
    [InlineData("bad name")]
    [InlineData("CRM")]
    [InlineData("9crm")]
    [InlineData("crm-key")]
    public async Task A_reference_that_is_not_a_secret_name_is_an_error(string name)
    {
        TenantHasSecrets("crm");

        var verdict = await ValidateAsync(With(GoodTool, "url", JsonSerializer.Serialize($"https://api.example.com/orders/{{orderId}}?k=${{secrets.{name}}}")).GetRawText());

        verdict.Valid.ShouldBeFalse();
        verdict.Problems.ShouldHaveSingleItem().Message.ShouldContain("not a valid secret reference");
    }

    [Fact]
    public async Task A_tool_without_secret_references_does_not_read_the_tenants_secrets()
    {
        await ValidateAsync(GoodTool);

        await _secrets.DidNotReceiveWithAnyArgs().ListAsync(Arg.Any<ISpecification<TenantSecret, string>>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_body_that_is_not_an_object_is_an_invalid_verdict()
    {
        var verdict = await ValidateAsync("[1]");

        verdict.Valid.ShouldBeFalse();
        verdict.Problems.ShouldHaveSingleItem().Field.ShouldBe(string.Empty);
    }
}

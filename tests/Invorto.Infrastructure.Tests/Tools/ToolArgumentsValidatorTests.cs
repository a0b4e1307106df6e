using System.Text.Json;
using Invorto.Application.Agents.Configuration;
using Invorto.Infrastructure.Tools;
using Shouldly;
using Xunit;

namespace Invorto.Infrastructure.Tests.Tools;

public sealed class ToolArgumentsValidatorTests
{
    private readonly ToolArgumentsValidator _validator = new();

    [Fact]
    public void Arguments_that_match_the_schema_come_back_as_an_object()
    {
        var tool = Tool("""{"type":"object","properties":{"orderId":{"type":"string"}},"required":["orderId"]}""");

        var arguments = _validator.Check(tool, """{"orderId":"A1"}""", out var problem);

        problem.ShouldBeNull();
        arguments!.Value.GetProperty("orderId").GetString().ShouldBe("A1");
    }

    [Theory]
    [InlineData("{}", "required")]
    [InlineData("""{"orderId":5}""", "/orderId")]
    [InlineData("[1]", "must be a JSON object")]
    [InlineData("{not json", "not valid JSON")]
    public void Arguments_that_break_the_schema_are_refused_with_a_short_reason(string arguments, string reason)
    {
        var tool = Tool("""{"type":"object","properties":{"orderId":{"type":"string"}},"required":["orderId"]}""");

        _validator.Check(tool, arguments, out var problem).ShouldBeNull();

        problem.ShouldNotBeNull().ShouldContain(reason);
    }

    [Fact]
    public void A_tool_without_a_schema_takes_any_object()
    {
        _validator.Check(new ToolDefinition { Name = "ping" }, """{"anything":[1,2]}""", out var problem).ShouldNotBeNull();

        problem.ShouldBeNull();
    }

    [Fact]
    public void Two_tenants_schemas_with_the_same_id_never_see_each_other()
    {
        var strict = Tool("""{"$id":"https://schemas.example.com/order","type":"object","properties":{"orderId":{"type":"integer"}}}""");
        var loose = Tool("""{"$id":"https://schemas.example.com/order","type":"object","properties":{"orderId":{"type":"string"}}}""");

        _validator.Check(strict, """{"orderId":"A1"}""", out _).ShouldBeNull();
        _validator.Check(loose, """{"orderId":"A1"}""", out var problem).ShouldNotBeNull(problem);
    }

    [Fact]
    public void A_schema_that_refers_to_a_remote_document_is_unusable_and_nothing_is_fetched()
    {
        var tool = Tool("""{"type":"object","properties":{"orderId":{"$ref":"https://schemas.example.com/order-id"}}}""");

        _validator.Check(tool, """{"orderId":"A1"}""", out var problem).ShouldBeNull();

        problem.ShouldBe("the tool's inputSchema is not a usable JSON Schema");
    }

    private static ToolDefinition Tool(string schema) => new()
    {
        Name = "get_order_status",
        Url = "https://api.example.com/orders",
        InputSchema = JsonDocument.Parse(schema).RootElement.Clone(),
    };
}

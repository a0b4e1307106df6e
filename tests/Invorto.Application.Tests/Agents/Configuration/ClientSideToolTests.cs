using System.Text.Json;
using Invorto.Application.Agents.Configuration;

namespace Invorto.Application.Tests.Agents.Configuration;

/// <summary>A tool is run by the platform and needs its https URL, unless it is marked client-side: then the web client runs it and it has no URL.</summary>
public sealed class ClientSideToolTests
{
    private static AgentConfigParseResult WithTool(string tool) =>
        AgentConfigParser.Parse(JsonDocument.Parse($$"""{"prompt":"p","tools":[{{tool}}]}""").RootElement.Clone());

    [Fact]
    public void A_client_side_tool_needs_no_url()
    {
        var result = WithTool("""{"name":"show_map","clientSide":true}""");

        result.Errors.ShouldBeEmpty();
    }

    [Fact]
    public void A_client_side_tool_may_not_name_a_url()
    {
        var result = WithTool("""{"name":"show_map","clientSide":true,"url":"https://api.example.com/map"}""");

        result.Errors["config.tools[0].url"].ShouldBe(["must be absent for a client-side tool (the web client runs it)"]);
    }

    [Fact]
    public void A_platform_tool_needs_its_https_url()
    {
        var result = WithTool("""{"name":"get_order"}""");

        result.Errors["config.tools[0].url"].ShouldBe(["must be an absolute https URL"]);
    }
}

using System.Text.Json;
using Invorto.Application.Agents.Configuration;

namespace Invorto.Application.Tests.Agents.Configuration;

public sealed class JsonMergePatchTests
{
    private static string Apply(string target, string patch) =>
        JsonMergePatch.Apply(JsonDocument.Parse(target).RootElement, JsonDocument.Parse(patch).RootElement).GetRawText();

    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":{"b":1,"c":2}}""", """{"a":{"c":null,"d":3}}""", """{"a":{"b":1,"d":3}}""")]
    [InlineData("""{"a":[1,2]}""", """{"a":[3]}""", """{"a":[3]}""")]
    [InlineData("""{"a":"b"}""", """{"a":{"c":1}}""", """{"a":{"c":1}}""")]
    [InlineData("""{"a":{"b":1}}""", """{"a":"x"}""", """{"a":"x"}""")]
    public void Patch_follows_rfc_7396(string target, string patch, string expected)
    {
        Apply(target, patch).ShouldBe(expected);
    }
}

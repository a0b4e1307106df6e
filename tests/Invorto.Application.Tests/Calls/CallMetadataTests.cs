using System.Text.Json;
using Invorto.Application.Calls;
using Invorto.Application.Calls.StartOutboundCall;

namespace Invorto.Application.Tests.Calls;

public sealed class CallMetadataTests
{
    private static readonly StartOutboundCallValidator Validator = new();

    private static Dictionary<string, string[]> ErrorsOf(string metadataJson)
    {
        using var document = JsonDocument.Parse(metadataJson);
        var command = new StartOutboundCallCommand(Guid.NewGuid(), Guid.NewGuid(), "+919800000002", "+918000000001", null, null, document.RootElement.Clone());
        return Validator.Validate(command).Errors
            .GroupBy(failure => failure.PropertyName)
            .ToDictionary(group => group.Key, group => group.Select(failure => failure.ErrorMessage).ToArray());
    }

    [Fact]
    public void Flat_object_of_strings_numbers_and_booleans_is_accepted()
    {
        ErrorsOf("""{"crmId":"A-17","attempt":2,"vip":true,"score":0.5}""").ShouldBeEmpty();
    }

    [Fact]
    public void Absent_or_null_metadata_is_accepted()
    {
        var command = new StartOutboundCallCommand(Guid.NewGuid(), Guid.NewGuid(), "+919800000002", "+918000000001", null, null);

        Validator.Validate(command).IsValid.ShouldBeTrue();
        ErrorsOf("null").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    public void Metadata_that_is_not_an_object_is_refused(string json)
    {
        ErrorsOf(json).Keys.ShouldBe(["metadata"]);
    }

    [Fact]
    public void Nested_and_null_values_are_refused_by_key()
    {
        var errors = ErrorsOf("""{"ok":"yes","nested":{"a":1},"list":[1],"nothing":null}""");

        errors.Keys.ShouldBe(["metadata.nested", "metadata.list", "metadata.nothing"], ignoreOrder: true);
        errors["metadata.nested"].ShouldBe(["must be a string, a number or a boolean"]);
    }

    [Fact]
    public void More_than_50_keys_are_refused()
    {
        var json = "{" + string.Join(',', Enumerable.Range(0, CallMetadata.MaxKeys + 1).Select(i => $"\"k{i}\":{i}")) + "}";

        ErrorsOf(json)["metadata"].ShouldContain(message => message.Contains("at most 50 keys"));
    }

    [Fact]
    public void Metadata_over_8_KB_serialized_is_refused()
    {
        var json = $$"""{"a":"{{new string('x', 4100)}}","b":"{{new string('y', 4100)}}"}""";

        ErrorsOf(json)["metadata"].ShouldContain(message => message.Contains("8192 bytes"));
    }

    [Fact]
    public void Keys_longer_than_64_characters_are_refused()
    {
        ErrorsOf($$"""{"{{new string('k', 65)}}":1}""")["metadata"].ShouldContain(message => message.Contains("1 to 64 characters"));
    }

    [Fact]
    public void Stored_form_is_compact_json()
    {
        using var document = JsonDocument.Parse("""{ "a" : 1,  "b" : "x" }""");

        CallMetadata.Serialize(document.RootElement).ShouldBe("""{"a":1,"b":"x"}""");
    }
}

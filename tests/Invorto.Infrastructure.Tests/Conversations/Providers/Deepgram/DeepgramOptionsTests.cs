using Invorto.Infrastructure.Conversations.Providers.Deepgram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Tests.Conversations.Providers.Deepgram;

public sealed class DeepgramOptionsTests
{
    [Fact]
    public void Registration_binds_the_runbook_variables_and_builds_the_recognizer()
    {
        using var provider = Services(new() { ["DEEPGRAM_API_KEY"] = "dg-key", ["DEEPGRAM_BASE_URL"] = "ws://127.0.0.1:9000" });

        var options = provider.GetRequiredService<IOptions<DeepgramOptions>>().Value;

        options.ApiKey.ShouldBe("dg-key");
        options.BaseUrl.ShouldBe("ws://127.0.0.1:9000");
        options.IsConfigured.ShouldBeTrue();
        provider.GetRequiredService<DeepgramRecognizer>().ShouldNotBeNull();
    }

    [Fact]
    public void Without_variables_the_base_url_is_deepgrams_and_no_key_is_configured()
    {
        using var provider = Services([]);

        var options = provider.GetRequiredService<IOptions<DeepgramOptions>>().Value;

        options.BaseUrl.ShouldBe("wss://api.deepgram.com");
        options.IsConfigured.ShouldBeFalse();
    }

    [Theory]
    [InlineData("api.deepgram.com")]
    [InlineData("ftp://api.deepgram.com")]
    public void A_bad_base_url_stops_start_up_naming_the_variable(string baseUrl)
    {
        using var provider = Services(new() { ["DEEPGRAM_BASE_URL"] = baseUrl });

        var failure = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DeepgramOptions>>().Value);

        failure.Message.ShouldContain("DEEPGRAM_BASE_URL");
    }

    [Fact]
    public void A_key_with_spaces_stops_start_up_without_echoing_the_key()
    {
        using var provider = Services(new() { ["DEEPGRAM_API_KEY"] = "dg secret" });

        var failure = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DeepgramOptions>>().Value);

        failure.Message.ShouldContain("DEEPGRAM_API_KEY");
        failure.Message.ShouldNotContain("dg secret");
    }

    [Theory]
    [InlineData("https://api.deepgram.com", "wss://api.deepgram.com/", "https://api.deepgram.com/")]
    [InlineData("ws://127.0.0.1:9000/proxy", "ws://127.0.0.1:9000/proxy", "http://127.0.0.1:9000/proxy")]
    public void The_base_url_serves_both_the_socket_and_the_rest_endpoints(string baseUrl, string webSocket, string http)
    {
        DeepgramOptions.WebSocketBase(baseUrl).ToString().ShouldBe(webSocket);
        DeepgramOptions.HttpBase(baseUrl).ToString().ShouldBe(http);
    }

    private static ServiceProvider Services(Dictionary<string, string?> variables)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(variables).Build();
        return new ServiceCollection().AddLogging().AddDeepgramProviders(configuration).BuildServiceProvider();
    }
}

using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations.Providers;
using Invorto.Infrastructure.Conversations.Providers.OpenAi;
using Invorto.Testing.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Tests.Conversations.Providers.OpenAi;

public sealed class OpenAiConfigurationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> environment)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(environment).Build();
        return new ServiceCollection().AddOpenAiProviders(configuration).BuildServiceProvider();
    }

    [Fact]
    public void Defaults_are_openai_without_a_key_and_a_five_second_first_token_budget()
    {
        using var services = Build([]);

        var options = services.GetRequiredService<IOptions<OpenAiOptions>>().Value;

        options.BaseUri.ShouldBe(new Uri("https://api.openai.com/v1"));
        options.Key.ShouldBeNull();
        options.Timeouts.FirstToken.ShouldBe(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Environment_names_bind_to_options()
    {
        using var services = Build(new()
        {
            ["OPENAI_API_KEY"] = "sk-env",
            ["OPENAI_BASE_URL"] = "http://ollama:11434/v1",
            ["OPENAI_LLM_FIRST_TOKEN_TIMEOUT_MS"] = "2500",
            ["OPENAI_LLM_IDLE_TIMEOUT_MS"] = "4000",
        });

        var options = services.GetRequiredService<IOptions<OpenAiOptions>>().Value;

        (options.Key, options.BaseUri, options.Timeouts).ShouldBe(("sk-env", new Uri("http://ollama:11434/v1"), new OpenAiStreamTimeouts(TimeSpan.FromMilliseconds(2500), TimeSpan.FromMilliseconds(4000))));
    }

    [Theory]
    [InlineData("OPENAI_BASE_URL", "not a url")]
    [InlineData("OPENAI_BASE_URL", "ftp://files.example.com/v1")]
    [InlineData("OPENAI_LLM_FIRST_TOKEN_TIMEOUT_MS", "0")]
    [InlineData("OPENAI_LLM_IDLE_TIMEOUT_MS", "-1")]
    public void A_bad_value_fails_start_up_naming_the_variable(string variable, string value)
    {
        using var services = Build(new() { [variable] = value });

        var failure = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<OpenAiOptions>>().Value);

        failure.Message.ShouldContain(variable);
    }

    [Fact]
    public void The_platform_key_goes_to_the_platform_endpoint()
    {
        var endpoint = OpenAiEndpoint.Resolve(new OpenAiOptions { ApiKey = "sk-platform" });

        (endpoint.BaseUrl, endpoint.ApiKey).ShouldBe((new Uri("https://api.openai.com/v1"), "sk-platform"));
    }

    [Fact]
    public void The_platform_key_never_goes_to_a_host_an_agent_chose()
    {
        var endpoint = OpenAiEndpoint.Resolve(new OpenAiOptions { ApiKey = "sk-platform" }, agentBaseUrl: "https://llm.attacker.example/v1");

        (endpoint.BaseUrl, endpoint.ApiKey).ShouldBe((new Uri("https://llm.attacker.example/v1"), (string?)null));
    }

    [Fact]
    public void A_tenant_key_goes_wherever_the_agent_points()
    {
        var endpoint = OpenAiEndpoint.Resolve(new OpenAiOptions { ApiKey = "sk-platform" }, agentBaseUrl: "https://llm.tenant.example/v1", tenantApiKey: "sk-tenant");

        (endpoint.BaseUrl, endpoint.ApiKey).ShouldBe((new Uri("https://llm.tenant.example/v1"), "sk-tenant"));
    }

    [Fact]
    public void An_endpoint_never_prints_its_key()
    {
        var endpoint = new OpenAiEndpoint(new Uri("https://api.openai.com/v1"), "sk-very-secret");

        endpoint.ToString().ShouldNotContain("sk-very-secret");
    }

    [Fact]
    public async Task The_registered_factory_streams_from_the_configured_endpoint_with_the_configured_key()
    {
        await using var server = await FakeOpenAiChatServer.StartAsync("/llm/v1");
        server.Enqueue(FakeOpenAiChatReply.Text("Hello", " there."));
        using var services = Build(new() { ["OPENAI_BASE_URL"] = server.BaseUrl.ToString(), ["OPENAI_API_KEY"] = "sk-env" });
        var model = services.GetRequiredService<OpenAiLanguageModelFactory>().Create();
        var request = new LanguageModelRequest(new LlmSettings(), "You are a test agent.", [new ChatMessage(ChatRole.User, "Hi")], []);

        var text = new List<string?>();
        await foreach (var chunk in model.StreamAsync(request, CancellationToken.None))
        {
            text.Add(chunk.Text);
        }

        string.Concat(text).ShouldBe("Hello there.");
        server.Requests.Single().Authorization.ShouldBe("Bearer sk-env");
        server.Requests.Single().Path.ShouldBe("/llm/v1/chat/completions");
    }
}

using System.Net;
using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations.Providers;
using Invorto.Application.Tools;
using Invorto.Infrastructure.Conversations.Providers;
using Invorto.Infrastructure.Conversations.Providers.OpenAi;
using Invorto.Infrastructure.Tests.Tools;
using Invorto.Infrastructure.Tools;
using Invorto.Testing.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Infrastructure.Tests.Conversations.Providers;

/// <summary>
/// A model endpoint an agent wrote goes through the tools' connect-time guard: a public-looking name that resolves to a
/// loopback or metadata address is refused before any byte is sent; with private targets allowed the same name is
/// reached on the address the guard checked.
/// </summary>
public sealed class AgentEndpointHttpClientsTests : IAsyncLifetime
{
    private const string TenantHost = "llm.tenant.test";

    private FakeOpenAiChatServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_name_resolving_to_loopback_is_refused_at_connect_and_nothing_is_sent()
    {
        await using var services = Services(allowPrivateTargets: false, IPAddress.Loopback);

        var failure = await Should.ThrowAsync<ProviderException>(() => AskAsync(services, agentEndpoint: true));

        Refusal(failure).Address.ShouldBe(IPAddress.Loopback);
        _server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_name_resolving_to_the_metadata_service_is_refused_even_where_private_targets_are_allowed()
    {
        await using var services = Services(allowPrivateTargets: true, IPAddress.Parse("169.254.169.254"));

        var failure = await Should.ThrowAsync<ProviderException>(() => AskAsync(services, agentEndpoint: true));

        Refusal(failure).Host.ShouldBe(TenantHost);
    }

    [Fact]
    public async Task With_private_targets_allowed_the_name_is_reached_on_the_address_the_guard_checked()
    {
        await using var services = Services(allowPrivateTargets: true, IPAddress.Loopback);

        var answer = await AskAsync(services, agentEndpoint: true);

        answer.ShouldNotBeEmpty();
        _server.Requests.Count.ShouldBe(1);
    }

    private static ToolAddressRefusedException Refusal(Exception failure)
    {
        for (var inner = failure.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is ToolAddressRefusedException refusal)
            {
                return refusal;
            }
        }

        throw new ShouldAssertException($"the failure was not the connect guard's refusal: {failure}");
    }

    private static ServiceProvider Services(bool allowPrivateTargets, IPAddress resolvesTo)
    {
        var resolver = new ToolExecutorHarness.MappedResolver();
        resolver.Map(TenantHost, resolvesTo);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new ToolTargetSettings(allowPrivateTargets));
        services.AddSingleton<IToolHostResolver>(resolver);
        services.AddOpenAiProviders(new ConfigurationBuilder().Build());
        services.AddAgentEndpointHttpClient(OpenAiLanguageModel.HttpClientName);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private async Task<string> AskAsync(ServiceProvider services, bool agentEndpoint)
    {
        var endpoint = new OpenAiEndpoint(new UriBuilder(_server.BaseUrl) { Host = TenantHost }.Uri, "sk-tenant");
        var model = services.GetRequiredService<OpenAiLanguageModelFactory>().Create(endpoint, agentEndpoint);
        var request = new LanguageModelRequest(new LlmSettings { Model = "gpt-test" }, "You are a test agent.", [new ChatMessage(ChatRole.User, "Hello?")], []);
        var text = string.Empty;
        await foreach (var chunk in model.StreamAsync(request, CancellationToken.None))
        {
            text += chunk.Text;
        }

        return text;
    }
}

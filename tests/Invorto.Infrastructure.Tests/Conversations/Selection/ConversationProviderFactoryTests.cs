using System.Text.Json;
using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations;
using Invorto.Application.Secrets;
using Invorto.Application.Tools;
using Invorto.Domain.Calls;
using Invorto.Infrastructure.Conversations;
using Invorto.Infrastructure.Conversations.Providers;
using Invorto.Infrastructure.Conversations.Providers.Deepgram;
using Invorto.Infrastructure.Conversations.Providers.ElevenLabs;
using Invorto.Infrastructure.Conversations.Providers.OpenAi;
using Invorto.Infrastructure.Conversations.Providers.OpenAiAudio;
using Invorto.Infrastructure.Conversations.Providers.PocketSphinx;
using Invorto.Infrastructure.Conversations.Resilience;
using Invorto.Infrastructure.Conversations.Scripted;
using Invorto.Infrastructure.Conversations.Selection;
using Invorto.Testing.Conversations;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Shouldly;
using Xunit;

namespace Invorto.Infrastructure.Tests.Conversations.Selection;

/// <summary>Which providers a call gets: the agent's when a key (platform or tenant) allows, its fallback, then the offline ones.</summary>
public sealed class ConversationProviderFactoryTests : IAsyncDisposable
{
    private readonly StoredSecrets _secrets = new();
    private readonly PlainHttpClients _http = new();
    private readonly ProviderCircuits _circuits = new(new ProviderResilienceOptions(), TimeProvider.System);
    private readonly RecordingTimeline _timeline = new();

    private static AgentEndpointRules Endpoints { get; } = new(new ToolTargetSettings(AllowPrivateTargets: false));

    public ValueTask DisposeAsync() => _circuits.DisposeAsync();

    [Fact]
    public async Task Without_any_key_the_default_agent_talks_on_the_offline_providers_and_the_timeline_says_why()
    {
        var setup = Setup(new AgentConfig { Prompt = "p" });
        var notes = new List<ProviderFallbackNote>();

        (await Voices().BuildAsync(setup, notes, default)).Select(c => c.Name).ShouldBe(["espeak"]);
        (await Recognizers().BuildAsync(setup, notes, default)).Select(c => c.Name).ShouldBe(["pocketsphinx"]);
        (await Models().BuildAsync(setup, notes, default)).Select(c => c.Name).ShouldBe(["rules"]);

        notes.ShouldBe(
        [
            new ProviderFallbackNote("voice", "deepgram", "espeak", "no key"),
            new ProviderFallbackNote("asr", "deepgram", "pocketsphinx", "no key"),
            new ProviderFallbackNote("llm", "openai", "rules", "no key"),
        ]);
    }

    [Fact]
    public async Task A_tenants_own_key_in_its_secrets_puts_the_cloud_provider_first_with_the_offline_one_behind()
    {
        var setup = Setup(new AgentConfig { Prompt = "p" });
        _secrets.Values[(setup.TenantId, "deepgram_api_key")] = "dg-tenant-key";
        _secrets.Values[(setup.TenantId, "openai_api_key")] = "sk-tenant";
        var notes = new List<ProviderFallbackNote>();

        (await Voices().BuildAsync(setup, notes, default)).Select(c => c.Name).ShouldBe(["deepgram", "espeak"]);
        (await Recognizers().BuildAsync(setup, notes, default)).Select(c => c.Name).ShouldBe(["deepgram", "pocketsphinx"]);
        (await Models().BuildAsync(setup, notes, default)).Select(c => c.Name).ShouldBe(["openai"]);
        notes.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_configured_fallback_follows_the_agents_provider_and_a_self_hosted_one_needs_no_key()
    {
        var config = new AgentConfig
        {
            Prompt = "p",
            Llm = new LlmSettings { Fallback = new LlmFallback { Model = "llama3.1", BaseUrl = "http://ollama.internal:11434/v1" } },
            Voice = new VoiceSettings { Provider = "elevenlabs", Fallback = new VoiceFallback { Provider = "openai", BaseUrl = "http://kokoro.internal:8880/v1" } },
            Asr = new AsrSettings { Fallback = new AsrFallback { Provider = "openai", BaseUrl = "http://whisper.internal:8000/v1" } },
        };
        var setup = Setup(config);
        var notes = new List<ProviderFallbackNote>();

        var models = await Models(platformKey: "sk-platform").BuildAsync(setup, notes, default);
        var voices = await Voices().BuildAsync(setup, notes, default);
        var recognizers = await Recognizers().BuildAsync(setup, notes, default);

        models.Select(c => c.Name).ShouldBe(["openai", "openai"]);
        models[0].CircuitKey.ShouldContain("api.openai.com");
        models[1].CircuitKey.ShouldContain("ollama.internal:11434");
        voices.Select(c => c.Name).ShouldBe(["openai", "espeak"], "ElevenLabs has no key; the self-hosted Kokoro server needs none");
        recognizers.Select(c => c.Name).ShouldBe(["openai", "pocketsphinx"]);
        notes.ShouldBe(
        [
            new ProviderFallbackNote("voice", "elevenlabs", "openai", "no key"),
            new ProviderFallbackNote("asr", "deepgram", "openai", "no key"),
        ]);
        _http.Names.ShouldBe(
            [
                OpenAiLanguageModel.HttpClientName,
                AgentEndpointHttpClients.ClientName(OpenAiLanguageModel.HttpClientName, agentEndpoint: true),
                AgentEndpointHttpClients.ClientName(OpenAiSpeechSynthesizer.HttpClientName, agentEndpoint: true),
                AgentEndpointHttpClients.ClientName(OpenAiTranscriptionRecognizerFactory.HttpClientName, agentEndpoint: true),
            ],
            ignoreOrder: true,
            "the platform's endpoint on the plain client, every endpoint the agent wrote on the guarded one");
    }

    [Theory]
    [InlineData("http://169.254.169.254/v1")]
    [InlineData("http://127.0.0.1:11434/v1")]
    [InlineData("http://[::ffff:10.0.0.1]/v1")]
    [InlineData("http://localhost:8000/v1")]
    public async Task A_tenants_endpoint_on_a_private_or_metadata_address_is_never_called(string baseUrl)
    {
        var setup = Setup(new AgentConfig
        {
            Prompt = "p",
            Llm = new LlmSettings { BaseUrl = baseUrl },
            Voice = new VoiceSettings { Provider = "openai", BaseUrl = baseUrl },
            Asr = new AsrSettings { Provider = "openai", BaseUrl = baseUrl },
        });
        var notes = new List<ProviderFallbackNote>();

        (await Models(platformKey: "sk-platform").BuildAsync(setup, notes, default)).Select(c => c.Name).ShouldBe(["rules"]);
        (await Voices().BuildAsync(setup, notes, default)).Select(c => c.Name).ShouldBe(["espeak"]);
        (await Recognizers().BuildAsync(setup, notes, default)).Select(c => c.Name).ShouldBe(["pocketsphinx"]);
        notes.Select(note => note.Reason).ShouldBe(["address refused", "address refused", "address refused"]);
    }

    [Fact]
    public async Task The_factory_records_each_replaced_provider_on_the_calls_timeline()
    {
        var setup = Setup(new AgentConfig { Prompt = "p" });
        var factory = Factory(ConversationProviderMode.Agent);

        await factory.ResolveAsync(setup, default);

        var fallbacks = _timeline.Entries.Where(entry => entry.Kind == TimelineKinds.ProviderFallback).ToList();
        fallbacks.Count.ShouldBe(3);
        fallbacks.ShouldAllBe(entry => entry.CallId == setup.CallId && entry.TenantId == setup.TenantId);
        JsonDocument.Parse(fallbacks[0].PayloadJson!).RootElement.GetProperty("to").GetString().ShouldBe("espeak");
    }

    [Fact]
    public async Task In_scripted_mode_every_call_gets_the_scripted_providers_and_nothing_is_recorded()
    {
        var providers = await Factory(ConversationProviderMode.Scripted).ResolveAsync(Setup(new AgentConfig { Prompt = "p" }), default);

        providers.LanguageModel.ShouldBeOfType<ScriptedLanguageModel>();
        providers.Synthesizer.ShouldBeOfType<ScriptedSpeechSynthesizer>();
        _timeline.Entries.ShouldBeEmpty();
    }

    private static ConversationSetup Setup(AgentConfig config) =>
        new(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), 1, config, CallDirection.Web, null, null, false, true, null);

    private ConversationProviderFactory Factory(ConversationProviderMode mode) =>
        new(new ConversationProviderSelection { Mode = mode }, Voices(), Recognizers(), Models(), new ScriptedProviderOptions(), new ScriptedProviderCounters(), _circuits, _timeline, TimeProvider.System, NullLoggerFactory.Instance);

    private SynthesizerChainBuilder Voices() =>
        new(_http, Options.Create(new DeepgramOptions()), Options.Create(new ElevenLabsOptions()), Options.Create(new OpenAiOptions()), new TenantProviderKeys(_secrets), Endpoints, TimeProvider.System, NullLoggerFactory.Instance);

    private RecognizerChainBuilder Recognizers() =>
        new(Options.Create(new DeepgramOptions()), Options.Create(new OpenAiOptions()), new OpenAiTranscriptionRecognizerFactory(_http, NullLoggerFactory.Instance),
            new PocketSphinxModel(new PocketSphinxOptions()), new TenantProviderKeys(_secrets), Endpoints, TimeProvider.System, NullLoggerFactory.Instance);

    private LanguageModelChainBuilder Models(string? platformKey = null)
    {
        var options = Options.Create(new OpenAiOptions { ApiKey = platformKey });
        return new LanguageModelChainBuilder(new OpenAiLanguageModelFactory(_http, options, TimeProvider.System), options, new TenantProviderKeys(_secrets), Endpoints);
    }

    private sealed class StoredSecrets : ITenantSecretReader
    {
        public Dictionary<(Guid TenantId, string Name), string> Values { get; } = [];

        public ValueTask<string?> GetAsync(Guid tenantId, string name, CancellationToken cancellationToken) =>
            ValueTask.FromResult(Values.GetValueOrDefault((tenantId, name)));
    }

    private sealed class PlainHttpClients : IHttpClientFactory
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _names = new();

        public IReadOnlyCollection<string> Names => [.. _names];

        public HttpClient CreateClient(string name)
        {
            _names.Enqueue(name);
            return new HttpClient();
        }
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations.Providers;
using Invorto.Infrastructure.Conversations.Providers.OpenAi;
using Invorto.Testing;
using Invorto.Testing.Providers;
using Microsoft.Extensions.Time.Testing;

namespace Invorto.Infrastructure.Tests.Conversations.Providers.OpenAi;

/// <summary>The OpenAI-compatible adapter against a local server speaking the real streamed chat completions protocol.</summary>
public sealed class OpenAiLanguageModelTests : IAsyncLifetime
{
    /// <summary>Only bounds waits for something the test has already caused; never moves a test on.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly OpenAiStreamTimeouts Patient = new(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

    private FakeOpenAiChatServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeOpenAiChatServer.StartAsync();
        // As registered in production: an abandoned response closes its connection instead of being drained.
        _http = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Text_deltas_arrive_while_the_stream_is_still_open()
    {
        var rest = new TaskCompletionSource();
        _server.Enqueue(new FakeOpenAiChatReply
        {
            Chunks = [FakeOpenAiChatChunks.Role(), FakeOpenAiChatChunks.Text("Hel"), FakeOpenAiChatChunks.Text("lo"), FakeOpenAiChatChunks.Text(" there."), FakeOpenAiChatChunks.Finish("stop")],
            PauseAfter = 2,
            Resume = rest.Task,
        });
        await using var stream = Model().StreamAsync(Request(), CancellationToken.None).GetAsyncEnumerator();

        (await stream.MoveNextAsync()).ShouldBeTrue();
        var first = stream.Current;
        var serverFinishedBeforeFirstDelta = _server.Requests.Single().Completed.IsCompleted;
        rest.SetResult();
        var later = new List<string?>();
        while (await stream.MoveNextAsync())
        {
            later.Add(stream.Current.Text);
        }

        first.ShouldBe(LanguageModelChunk.Delta("Hel"));
        serverFinishedBeforeFirstDelta.ShouldBeFalse();
        later.ShouldBe(["lo", " there."]);
    }

    [Fact]
    public async Task Tool_call_fragments_are_assembled_into_one_call()
    {
        _server.Enqueue(FakeOpenAiChatReply.Stream(
            FakeOpenAiChatChunks.Role(),
            FakeOpenAiChatChunks.ToolCallStart(0, "call_1", "book_meeting"),
            FakeOpenAiChatChunks.ToolCallArguments(0, "{\"da"),
            FakeOpenAiChatChunks.ToolCallArguments(0, "y\":\"mon"),
            FakeOpenAiChatChunks.ToolCallArguments(0, "day\",\"guests\":"),
            FakeOpenAiChatChunks.ToolCallArguments(0, "3}"),
            FakeOpenAiChatChunks.Finish("tool_calls"),
            FakeOpenAiChatChunks.Usage(20, 9)));

        var chunks = await CollectAsync(Model(), Request());

        var call = chunks.Where(chunk => chunk.ToolCall is not null).ShouldHaveSingleItem().ToolCall.ShouldNotBeNull();
        chunks.Select(chunk => chunk.Usage).OfType<TokenUsage>().ShouldBe([new TokenUsage(20, 9)], "the server's usage chunk is passed on");
        (call.Id, call.Name).ShouldBe(("call_1", "book_meeting"));
        var arguments = JsonNode.Parse(call.ArgumentsJson)!.AsObject();
        arguments["day"]!.GetValue<string>().ShouldBe("monday");
        arguments["guests"]!.GetValue<int>().ShouldBe(3);
    }

    [Fact]
    public async Task Interleaved_tool_calls_come_out_whole_in_index_order()
    {
        _server.Enqueue(FakeOpenAiChatReply.Stream(
            FakeOpenAiChatChunks.Role(),
            FakeOpenAiChatChunks.Text("Checking both."),
            FakeOpenAiChatChunks.ToolCallStart(0, "call_a", "get_order_status", "{\"order"),
            FakeOpenAiChatChunks.ToolCallStart(1, "call_b", "get_weather", "{\"city\":"),
            FakeOpenAiChatChunks.ToolCallArguments(0, "_id\":\"42\"}"),
            FakeOpenAiChatChunks.ToolCallArguments(1, "\"Pune\"}"),
            FakeOpenAiChatChunks.Finish("tool_calls")));

        var chunks = await CollectAsync(Model(), Request());

        chunks[0].ShouldBe(LanguageModelChunk.Delta("Checking both."));
        chunks.Skip(1).Select(chunk => (chunk.ToolCall!.Id, chunk.ToolCall.Name, chunk.ToolCall.ArgumentsJson)).ShouldBe(
        [
            ("call_a", "get_order_status", """{"order_id":"42"}"""),
            ("call_b", "get_weather", """{"city":"Pune"}"""),
        ]);
    }

    [Fact]
    public async Task History_tools_and_settings_are_sent_as_the_chat_completions_request()
    {
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"day":{"type":"string","description":"weekday"}},"required":["day"]}""").RootElement;
        var request = new LanguageModelRequest(
            new LlmSettings { Model = "gpt-test", Temperature = 0.25, MaxTokens = 99 },
            "You are a receptionist.",
            [
                new ChatMessage(ChatRole.User, "Book me on Monday"),
                new ChatMessage(ChatRole.Assistant, string.Empty, new ToolCallRequest("call_9", "book_meeting", """{"day":"monday"}""")),
                new ChatMessage(ChatRole.Tool, """{"booked":true}""", ToolCallId: "call_9"),
                new ChatMessage(ChatRole.Assistant, "Booked for Monday."),
                new ChatMessage(ChatRole.User, "Thanks"),
            ],
            [
                new ToolDefinition { Name = "book_meeting", Description = "Books a meeting.", Url = "https://tools.example.com/book", InputSchema = schema },
                new ToolDefinition { Name = "hang_up", Url = "https://tools.example.com/hang-up" },
            ]);

        await CollectAsync(Model(), request);

        var body = _server.Requests.Single().Body;
        body["model"]!.GetValue<string>().ShouldBe("gpt-test");
        body["temperature"]!.GetValue<double>().ShouldBe(0.25, 1e-6);
        body["max_completion_tokens"]!.GetValue<int>().ShouldBe(99);
        body["max_tokens"]!.GetValue<int>().ShouldBe(99);
        body["stream"]!.GetValue<bool>().ShouldBeTrue();
        var messages = body["messages"]!.AsArray();
        messages.Select(message => message!["role"]!.GetValue<string>()).ShouldBe(["system", "user", "assistant", "tool", "assistant", "user"]);
        TextOf(messages[0]!).ShouldBe("You are a receptionist.");
        TextOf(messages[1]!).ShouldBe("Book me on Monday");
        var call = messages[2]!["tool_calls"]!.AsArray().ShouldHaveSingleItem()!;
        call["id"]!.GetValue<string>().ShouldBe("call_9");
        call["type"]!.GetValue<string>().ShouldBe("function");
        call["function"]!["name"]!.GetValue<string>().ShouldBe("book_meeting");
        JsonNode.Parse(call["function"]!["arguments"]!.GetValue<string>())!["day"]!.GetValue<string>().ShouldBe("monday");
        messages[3]!["tool_call_id"]!.GetValue<string>().ShouldBe("call_9");
        TextOf(messages[3]!).ShouldBe("""{"booked":true}""");
        TextOf(messages[4]!).ShouldBe("Booked for Monday.");
        TextOf(messages[5]!).ShouldBe("Thanks");
        body["parallel_tool_calls"]!.GetValue<bool>().ShouldBeFalse();
        var tools = body["tools"]!.AsArray();
        tools.Select(tool => tool!["type"]!.GetValue<string>()).ShouldBe(["function", "function"]);
        var book = tools[0]!["function"]!;
        book["name"]!.GetValue<string>().ShouldBe("book_meeting");
        book["description"]!.GetValue<string>().ShouldBe("Books a meeting.");
        book["parameters"]!["properties"]!["day"]!["type"]!.GetValue<string>().ShouldBe("string");
        book["parameters"]!["required"]!.AsArray().Select(name => name!.GetValue<string>()).ShouldBe(["day"]);
        var hangUp = tools[1]!["function"]!;
        hangUp["name"]!.GetValue<string>().ShouldBe("hang_up");
        hangUp["parameters"]!["type"]!.GetValue<string>().ShouldBe("object");
        hangUp["parameters"]!["properties"]!.AsObject().Count.ShouldBe(0);
    }

    [Fact]
    public async Task No_tools_sends_no_tools_member()
    {
        await CollectAsync(Model(), Request());

        _server.Requests.Single().Body.ContainsKey("tools").ShouldBeFalse();
    }

    [Fact]
    public async Task The_key_is_sent_as_a_bearer_token()
    {
        await CollectAsync(Model(key: "sk-test-key"), Request());

        _server.Requests.Single().Authorization.ShouldBe("Bearer sk-test-key");
    }

    [Fact]
    public async Task Without_a_key_no_authorization_header_is_sent()
    {
        var chunks = await CollectAsync(Model(key: null), Request());

        chunks.ShouldNotBeEmpty();
        _server.Requests.Single().Authorization.ShouldBeNull();
    }

    [Fact]
    public async Task A_base_url_with_a_path_prefix_is_kept()
    {
        await using var ollama = await FakeOpenAiChatServer.StartAsync("/ollama/v1");
        ollama.Enqueue(FakeOpenAiChatReply.Text("Hi", " from Ollama."));

        var chunks = await CollectAsync(Model(baseUrl: ollama.BaseUrl, key: null), Request());

        string.Concat(chunks.Select(chunk => chunk.Text)).ShouldBe("Hi from Ollama.");
        ollama.Requests.Single().Path.ShouldBe("/ollama/v1/chat/completions");
    }

    [Fact]
    public async Task No_first_byte_within_the_first_token_timeout_is_a_timeout()
    {
        var clock = new FakeTimeProvider();
        _server.Enqueue(new FakeOpenAiChatReply { FirstByteDelay = TimeSpan.FromMinutes(10), Chunks = [FakeOpenAiChatChunks.Text("late")] });
        var model = Model(timeouts: new OpenAiStreamTimeouts(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)), time: clock);

        var reading = CollectAsync(model, Request());
        await Eventually.ReturnsAsync(() => Task.FromResult(_server.Requests.Count), count => count == 1, Patience);
        clock.Advance(TimeSpan.FromSeconds(5));
        var failure = await Should.ThrowAsync<ProviderException>(() => reading);

        (failure.Provider, failure.Kind).ShouldBe(("openai", ProviderFailureKind.Timeout));
        await _server.Requests.Single().Aborted.WaitAsync(Patience);
        _server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_stream_that_opens_but_says_nothing_is_a_timeout()
    {
        var clock = new FakeTimeProvider();
        _server.Enqueue(new FakeOpenAiChatReply { Chunks = [FakeOpenAiChatChunks.Role(), FakeOpenAiChatChunks.Text("late")], PauseAfter = 1, Resume = new TaskCompletionSource().Task });
        var model = Model(timeouts: new OpenAiStreamTimeouts(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)), time: clock);

        var reading = CollectAsync(model, Request());
        await Eventually.ReturnsAsync(() => Task.FromResult(_server.Requests.Count), count => count == 1, Patience);
        clock.Advance(TimeSpan.FromSeconds(5));
        var failure = await Should.ThrowAsync<ProviderException>(() => reading);

        failure.Kind.ShouldBe(ProviderFailureKind.Timeout);
        await _server.Requests.Single().Aborted.WaitAsync(Patience);
    }

    [Fact]
    public async Task After_the_first_token_only_the_idle_timeout_applies()
    {
        var clock = new FakeTimeProvider();
        var rest = new TaskCompletionSource();
        _server.Enqueue(new FakeOpenAiChatReply
        {
            Chunks = [FakeOpenAiChatChunks.Role(), FakeOpenAiChatChunks.Text("Hel"), FakeOpenAiChatChunks.Text("lo"), FakeOpenAiChatChunks.Finish("stop")],
            PauseAfter = 2,
            Resume = rest.Task,
        });
        var model = Model(timeouts: new OpenAiStreamTimeouts(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)), time: clock);
        await using var stream = model.StreamAsync(Request(), CancellationToken.None).GetAsyncEnumerator();
        (await stream.MoveNextAsync()).ShouldBeTrue();

        clock.Advance(TimeSpan.FromSeconds(9));
        rest.SetResult();
        var later = new List<string?>();
        while (await stream.MoveNextAsync())
        {
            later.Add(stream.Current.Text);
        }

        later.ShouldBe(["lo"]);
    }

    [Fact]
    public async Task A_stream_that_stalls_after_its_first_token_times_out()
    {
        var clock = new FakeTimeProvider();
        _server.Enqueue(new FakeOpenAiChatReply { Chunks = [FakeOpenAiChatChunks.Role(), FakeOpenAiChatChunks.Text("Hel"), FakeOpenAiChatChunks.Text("lo")], PauseAfter = 2, Resume = new TaskCompletionSource().Task });
        var model = Model(timeouts: new OpenAiStreamTimeouts(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)), time: clock);
        await using var stream = model.StreamAsync(Request(), CancellationToken.None).GetAsyncEnumerator();
        (await stream.MoveNextAsync()).ShouldBeTrue();

        var next = stream.MoveNextAsync().AsTask();
        clock.Advance(TimeSpan.FromSeconds(10));
        var failure = await Should.ThrowAsync<ProviderException>(() => next.WaitAsync(Patience));

        failure.Kind.ShouldBe(ProviderFailureKind.Timeout);
        await _server.Requests.Single().Aborted.WaitAsync(Patience);
    }

    [Fact]
    public async Task A_connection_cut_mid_stream_is_unavailable_and_not_retried()
    {
        var cut = new TaskCompletionSource();
        _server.Enqueue(new FakeOpenAiChatReply
        {
            Chunks = [FakeOpenAiChatChunks.Role(), FakeOpenAiChatChunks.Text("Hel"), FakeOpenAiChatChunks.Text("lo"), FakeOpenAiChatChunks.Finish("stop")],
            PauseAfter = 2,
            Resume = cut.Task,
            DisconnectAfter = 2,
        });
        await using var stream = Model().StreamAsync(Request(), CancellationToken.None).GetAsyncEnumerator();
        (await stream.MoveNextAsync()).ShouldBeTrue();
        var first = stream.Current;

        cut.SetResult();
        var failure = await Should.ThrowAsync<ProviderException>(async () => await stream.MoveNextAsync());

        first.ShouldBe(LanguageModelChunk.Delta("Hel"));
        (failure.Provider, failure.Kind).ShouldBe(("openai", ProviderFailureKind.Unavailable));
        _server.Requests.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(401, "invalid_request_error", "invalid_api_key", ProviderFailureKind.Unauthorized)]
    [InlineData(403, "invalid_request_error", "unsupported_country_region_territory", ProviderFailureKind.Unauthorized)]
    [InlineData(429, "requests", "rate_limit_exceeded", ProviderFailureKind.RateLimited)]
    [InlineData(500, "server_error", null, ProviderFailureKind.Unavailable)]
    [InlineData(503, "server_error", null, ProviderFailureKind.Unavailable)]
    [InlineData(400, "invalid_request_error", "context_length_exceeded", ProviderFailureKind.Protocol)]
    [InlineData(404, "invalid_request_error", "model_not_found", ProviderFailureKind.Protocol)]
    public async Task An_error_status_is_a_typed_failure_after_exactly_one_request(int status, string type, string? code, ProviderFailureKind kind)
    {
        _server.Enqueue(FakeOpenAiChatReply.Error(status, type, code, message: "Incorrect API key provided: sk-secret-key-1234."));

        var failure = await Should.ThrowAsync<ProviderException>(() => CollectAsync(Model(key: "sk-secret-key-1234"), Request()));

        (failure.Provider, failure.Kind, failure.StatusCode).ShouldBe(("openai", kind, (int?)status));
        failure.ToString().ShouldNotContain("sk-secret-key-1234");
        failure.Message.ShouldContain((code ?? type)!);
        _server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_refused_connection_is_unavailable()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();

        var failure = await Should.ThrowAsync<ProviderException>(() => CollectAsync(Model(baseUrl: new Uri($"http://127.0.0.1:{port}/v1")), Request()));

        (failure.Kind, failure.StatusCode).ShouldBe((ProviderFailureKind.Unavailable, (int?)null));
    }

    [Fact]
    public async Task An_unreadable_stream_is_a_protocol_failure()
    {
        _server.Enqueue(FakeOpenAiChatReply.Stream(FakeOpenAiChatChunks.Role(), "this is not json"));

        var failure = await Should.ThrowAsync<ProviderException>(() => CollectAsync(Model(), Request()));

        failure.Kind.ShouldBe(ProviderFailureKind.Protocol);
    }

    [Fact]
    public async Task Cancelling_aborts_the_http_request()
    {
        _server.Enqueue(new FakeOpenAiChatReply
        {
            Chunks = [FakeOpenAiChatChunks.Role(), FakeOpenAiChatChunks.Text("Hel"), FakeOpenAiChatChunks.Text("lo")],
            PauseAfter = 2,
            Resume = new TaskCompletionSource().Task,
        });
        using var cancel = new CancellationTokenSource();
        await using var stream = Model().StreamAsync(Request(), cancel.Token).GetAsyncEnumerator(cancel.Token);
        (await stream.MoveNextAsync()).ShouldBeTrue();

        var next = stream.MoveNextAsync().AsTask();
        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => next.WaitAsync(Patience));
        await _server.Requests.Single().Aborted.WaitAsync(Patience);
    }

    [Fact]
    public async Task Max_tokens_is_left_out_for_openai_itself()
    {
        using var handler = new RecordingHandler(FakeOpenAiChatReply.Text("Hi."));
        using var http = new HttpClient(handler);
        var model = new OpenAiLanguageModel(http, new OpenAiEndpoint(new Uri(OpenAiOptions.DefaultBaseUrl), "sk-test"), Patient);

        await CollectAsync(model, Request());

        handler.Body!["max_completion_tokens"]!.GetValue<int>().ShouldBe(256);
        handler.Body.ContainsKey("max_tokens").ShouldBeFalse();
        handler.Uri.ShouldBe(new Uri("https://api.openai.com/v1/chat/completions"));
    }

    private OpenAiLanguageModel Model(string? key = "sk-test", Uri? baseUrl = null, OpenAiStreamTimeouts? timeouts = null, TimeProvider? time = null) =>
        new(_http, new OpenAiEndpoint(baseUrl ?? _server.BaseUrl, key), timeouts ?? Patient, time);

    private static LanguageModelRequest Request() =>
        new(new LlmSettings { Model = "gpt-test" }, "You are a test agent.", [new ChatMessage(ChatRole.User, "Hello?")], []);

    private static async Task<List<LanguageModelChunk>> CollectAsync(OpenAiLanguageModel model, LanguageModelRequest request)
    {
        var chunks = new List<LanguageModelChunk>();
        await foreach (var chunk in model.StreamAsync(request, CancellationToken.None))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }

    /// <summary>A message's text, whether the SDK sent it as a string or as text parts.</summary>
    private static string TextOf(JsonNode message) => message["content"] switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(part => part!["text"]!.GetValue<string>())),
        _ => string.Empty,
    };

    /// <summary>Answers one scripted stream in memory, for a base URL that must not be reached.</summary>
    private sealed class RecordingHandler(FakeOpenAiChatReply reply) : HttpMessageHandler
    {
        public JsonObject? Body { get; private set; }

        public Uri? Uri { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Uri = request.RequestUri;
            Body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!.AsObject();
            var sse = string.Concat(reply.Chunks.Append("[DONE]").Select(data => $"data: {data}\n\n"));
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(sse, System.Text.Encoding.UTF8, "text/event-stream") };
        }
    }
}

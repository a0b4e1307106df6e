using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using Invorto.Application.Conversations.Providers;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;

namespace Invorto.Infrastructure.Conversations.Providers.OpenAi;

/// <summary>
/// A chat model behind any OpenAI-compatible <c>/chat/completions</c> endpoint (OpenAI, Azure OpenAI's v1 API,
/// Ollama, vLLM, llama.cpp server), streamed through Microsoft.Extensions.AI's <see cref="IChatClient"/> over the
/// official SDK. Text deltas are yielded as they arrive, each tool call once it is complete. The request goes out
/// once: the SDK's retries are off, because a retried stream would replay the start of a reply the caller has already
/// heard (failing over is the caller's decision). Failures surface as <see cref="ProviderException"/>
/// (<c>openai</c>); cancelling the token aborts the HTTP request.
/// </summary>
public sealed class OpenAiLanguageModel : ILanguageModel
{
    /// <summary>The name of the <see cref="HttpClient"/> registered for this adapter (no resilience handler).</summary>
    public const string HttpClientName = "openai-chat";

    private readonly HttpClient _http;
    private readonly OpenAiEndpoint _endpoint;
    private readonly OpenAiStreamTimeouts _timeouts;
    private readonly TimeProvider _time;
    private readonly bool _sendMaxTokens;

    /// <param name="http">The client requests go through; not disposed here. Its own timeout should be infinite or long: this adapter times the stream.</param>
    /// <param name="endpoint">Base URL and key of this adapter's completions (a per-agent URL or a tenant's key).</param>
    public OpenAiLanguageModel(HttpClient http, OpenAiEndpoint endpoint, OpenAiStreamTimeouts? timeouts = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(endpoint);
        _http = http;
        _endpoint = endpoint;
        _timeouts = timeouts ?? OpenAiStreamTimeouts.Default;
        _time = time ?? TimeProvider.System;
        _sendMaxTokens = !IsOpenAiHost(endpoint.BaseUrl);
    }

    public async IAsyncEnumerable<LanguageModelChunk> StreamAsync(LanguageModelRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var messages = OpenAiChatMapping.ToMessages(request);
        var options = OpenAiChatMapping.ToOptions(request, _sendMaxTokens);
        using var chat = CreateChatClient(request.Settings.Model);
        using var deadline = new CancellationTokenSource(_timeouts.FirstToken, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var started = false;
        var updates = chat.GetStreamingResponseAsync(messages, options, linked.Token).GetAsyncEnumerator(linked.Token);
        try
        {
            while (true)
            {
                ChatResponseUpdate update;
                try
                {
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    update = updates.Current;
                }
                catch (Exception exception) when (cancellationToken.IsCancellationRequested)
                {
                    // A cancelled read can surface as the socket's error rather than as a cancellation.
                    if (exception is OperationCanceledException)
                    {
                        throw;
                    }

                    throw new OperationCanceledException("The completion was cancelled.", exception, cancellationToken);
                }
                catch (Exception) when (deadline.IsCancellationRequested)
                {
                    throw OpenAiFailures.Timeout(started, _timeouts);
                }
                catch (Exception exception)
                {
                    throw OpenAiFailures.Translate(exception, started);
                }

                if (IsProgress(update))
                {
                    started = true;
                    deadline.CancelAfter(_timeouts.Idle);
                }

                foreach (var content in update.Contents)
                {
                    switch (content)
                    {
                        case TextContent { Text.Length: > 0 } text:
                            yield return LanguageModelChunk.Delta(text.Text);
                            break;
                        case FunctionCallContent call:
                            yield return LanguageModelChunk.Call(OpenAiChatMapping.ToToolCall(call));
                            break;
                        case UsageContent { Details: { InputTokenCount: { } input, OutputTokenCount: { } output } }:
                            yield return LanguageModelChunk.Used(new TokenUsage(input, output));
                            break;
                    }
                }
            }
        }
        finally
        {
            await updates.DisposeAsync().ConfigureAwait(false);
        }
    }

    private IChatClient CreateChatClient(string model)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = _endpoint.BaseUrl,
            Transport = new HttpClientPipelineTransport(_http),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        };
        AuthenticationPolicy authentication = _endpoint.ApiKey is { } key
            ? ApiKeyAuthenticationPolicy.CreateBearerAuthorizationPolicy(new ApiKeyCredential(key))
            : AnonymousAuthenticationPolicy.Instance;
#pragma warning disable OPENAI001 // The policy constructor is the SDK's way to send no Authorization header at all.
        return new ChatClient(model, authentication, options).AsIChatClient();
#pragma warning restore OPENAI001
    }

    /// <summary>A fragment of the answer: text, or a piece of a tool call (which is yielded only once complete).</summary>
    private static bool IsProgress(ChatResponseUpdate update) =>
        update.Contents.Any(content => content is TextContent { Text.Length: > 0 } or FunctionCallContent)
        || update.RawRepresentation is StreamingChatCompletionUpdate { ToolCallUpdates.Count: > 0 };

    private static bool IsOpenAiHost(Uri baseUrl) =>
        baseUrl.Host.Equals("api.openai.com", StringComparison.OrdinalIgnoreCase)
        || baseUrl.Host.EndsWith(".openai.azure.com", StringComparison.OrdinalIgnoreCase);
}

using System.Text.Json;
using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations.Providers;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AiChatRole = Microsoft.Extensions.AI.ChatRole;
using ChatMessage = Invorto.Application.Conversations.Providers.ChatMessage;
using ChatRole = Invorto.Application.Conversations.Providers.ChatRole;

namespace Invorto.Infrastructure.Conversations.Providers.OpenAi;

/// <summary>Turns our completion request into Microsoft.Extensions.AI's messages and options, and its tool calls back.</summary>
internal static class OpenAiChatMapping
{
    private static readonly JsonElement EmptyObjectSchema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();

    /// <summary>The SDK's serializer settings, written compactly: arguments travel on as one line of JSON.</summary>
    private static readonly JsonSerializerOptions CompactJson = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    public static List<AiChatMessage> ToMessages(LanguageModelRequest request)
    {
        var messages = new List<AiChatMessage>(request.Messages.Count + 1);
        if (!string.IsNullOrWhiteSpace(request.SystemPrompt))
        {
            messages.Add(new AiChatMessage(AiChatRole.System, request.SystemPrompt));
        }

        foreach (var message in request.Messages)
        {
            switch (message.Role)
            {
                case ChatRole.User:
                    messages.Add(new AiChatMessage(AiChatRole.User, message.Content));
                    break;
                case ChatRole.Assistant when message.ToolCall is { } call:
                    AddToolCall(messages, message.Content, call);
                    break;
                case ChatRole.Assistant:
                    messages.Add(new AiChatMessage(AiChatRole.Assistant, message.Content));
                    break;
                case ChatRole.Tool:
                    messages.Add(new AiChatMessage(AiChatRole.Tool, [new FunctionResultContent(message.ToolCallId ?? string.Empty, message.Content)]));
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(request), message.Role, "Unknown chat role.");
            }
        }

        return messages;
    }

    /// <param name="sendMaxTokens">
    /// Also send the legacy <c>max_tokens</c> beside <c>max_completion_tokens</c>: Ollama and llama.cpp read only the
    /// former, while OpenAI's reasoning models refuse it.
    /// </param>
    public static ChatOptions ToOptions(LanguageModelRequest request, bool sendMaxTokens)
    {
        var settings = request.Settings;
        var options = new ChatOptions
        {
            ModelId = settings.Model,
            Temperature = (float)settings.Temperature,
            MaxOutputTokens = settings.MaxTokens,
        };
        if (sendMaxTokens)
        {
            var maxTokens = settings.MaxTokens;
#pragma warning disable SCME0001 // JsonPatch is experimental; it is how the SDK sends a field it has no property for.
            options.RawRepresentationFactory = _ =>
            {
                var raw = new ChatCompletionOptions();
                raw.Patch.Set("$.max_tokens"u8, maxTokens);
                return raw;
            };
#pragma warning restore SCME0001
        }

        if (request.Tools.Count > 0)
        {
            options.Tools = [.. request.Tools.Select(ToFunction)];
            options.ToolMode = ChatToolMode.Auto;

            // The engine runs one tool call per model round (then asks again with its result), so ask for one at a time.
            options.AllowMultipleToolCalls = false;
        }

        return options;
    }

    public static ToolCallRequest ToToolCall(FunctionCallContent call)
    {
        if (call.Exception is { } invalid)
        {
            throw new ProviderException(OpenAiFailures.Provider, ProviderFailureKind.Protocol, $"The model's arguments for tool '{call.Name}' are not a JSON object.", invalid);
        }

        var arguments = call.Arguments is null
            ? "{}"
            : JsonSerializer.Serialize(call.Arguments, CompactJson.GetTypeInfo(typeof(IDictionary<string, object?>)));
        return new ToolCallRequest(call.CallId, call.Name, arguments);
    }

    private static void AddToolCall(List<AiChatMessage> messages, string content, ToolCallRequest call)
    {
        var function = new FunctionCallContent(call.Id, call.Name, ParseArguments(call.ArgumentsJson));

        // Calls made in one round belong to one assistant message, or the tool results after them would answer nothing.
        if (content.Length == 0 && messages.Count > 0 && messages[^1] is { } previous
            && previous.Role == AiChatRole.Assistant && previous.Contents.OfType<FunctionCallContent>().Any())
        {
            previous.Contents.Add(function);
            return;
        }

        var message = new AiChatMessage(AiChatRole.Assistant, []);
        if (content.Length > 0)
        {
            message.Contents.Add(new TextContent(content));
        }

        message.Contents.Add(function);
        messages.Add(message);
    }

    private static Dictionary<string, object?> ParseArguments(string json)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return arguments;
        }

        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return arguments;
        }

        foreach (var property in document.RootElement.EnumerateObject())
        {
            arguments[property.Name] = property.Value.Clone();
        }

        return arguments;
    }

    private static AIFunctionDeclaration ToFunction(ToolDefinition tool)
    {
        var schema = tool.InputSchema is { ValueKind: JsonValueKind.Object } given ? given : EmptyObjectSchema;
        return AIFunctionFactory.CreateDeclaration(tool.Name, tool.Description ?? string.Empty, schema);
    }
}

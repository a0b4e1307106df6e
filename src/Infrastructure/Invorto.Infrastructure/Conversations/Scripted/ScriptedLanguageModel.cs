using System.Globalization;
using System.Runtime.CompilerServices;
using Invorto.Application.Conversations.Providers;

namespace Invorto.Infrastructure.Conversations.Scripted;

/// <summary>
/// Streams a scripted answer word by word. When the caller's last words name one of the agent's tools
/// (<c>get_order_status</c> ← "order status") it first asks for that tool, then answers without reading the raw result.
/// Its latency passes on <paramref name="time"/> (the system clock unless a test gives it a fake one).
/// </summary>
public sealed class ScriptedLanguageModel(ScriptedProviderOptions options, ScriptedProviderCounters counters, string? answer = null, TimeProvider? time = null) : ILanguageModel
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async IAsyncEnumerable<LanguageModelChunk> StreamAsync(LanguageModelRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        counters.CompletionOpened();
        try
        {
            if (options.LanguageModelLatencyMs > 0)
            {
                await counters.LatencyAsync(options.LanguageModelLatencyMs, _time, cancellationToken);
            }

            var last = request.Messages.Count > 0 ? request.Messages[^1] : null;
            if (last is { Role: ChatRole.User } && ToolNamedIn(request, last.Content) is { } tool)
            {
                var id = "tk-" + request.Messages.Count.ToString(CultureInfo.InvariantCulture);
                yield return LanguageModelChunk.Call(new ToolCallRequest(id, tool, "{}"));
                yield break;
            }

            var text = last is { Role: ChatRole.Tool } ? "I have checked that for you, and everything is in order." : answer ?? options.Answer;
            var start = 0;
            for (var i = 0; i <= text.Length; i++)
            {
                if (i == text.Length || (text[i] == ' ' && i > start))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return LanguageModelChunk.Delta(text[start..Math.Min(text.Length, i + 1)]);
                    start = i + 1;
                }
            }
        }
        finally
        {
            counters.CompletionClosed();
        }
    }

    private static string? ToolNamedIn(LanguageModelRequest request, string said)
    {
        foreach (var tool in request.Tools)
        {
            var words = tool.Name.Split('_', StringSplitOptions.RemoveEmptyEntries);
            var named = words.Length > 0;
            foreach (var word in words)
            {
                if (word is "get" or "set" or "create" or "update" or "delete")
                {
                    continue;
                }

                named &= said.Contains(word, StringComparison.OrdinalIgnoreCase);
            }

            if (named)
            {
                return tool.Name;
            }
        }

        return null;
    }
}

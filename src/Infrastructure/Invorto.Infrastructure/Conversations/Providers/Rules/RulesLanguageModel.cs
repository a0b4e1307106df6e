using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations.Providers;

namespace Invorto.Infrastructure.Conversations.Providers.Rules;

/// <summary>
/// The offline <c>rules</c> language model: an honest rule engine, not a language model. It does not understand, it
/// matches words. For the caller's last message it picks the agent's intent whose examples share the most words with it
/// (<see cref="RulesIntentMatcher"/>: normalised words, stop words out, coverage and Jaccard overlap, a threshold) and
/// speaks that intent's <see cref="Intent.Reply"/>, sentence by sentence. An intent that names a tool calls it first,
/// with arguments read from the utterance by the tool's <c>inputSchema</c> (<see cref="RulesToolArguments"/>); when the
/// next request ends with that tool's result it speaks the intent's reply — never the raw tool output — or an apology
/// when the result is an error. Nothing matched: <see cref="NoMatchReply"/>. Deterministic: the same conversation
/// gets the same answer. One instance serves one call.
/// </summary>
public sealed class RulesLanguageModel : ILanguageModel
{
    public const string NoMatchReply = "Sorry, I didn't quite catch that. Could you say that another way?";
    public const string ToolFailedReply = "Sorry, I couldn't get that done just now.";
    public const string ToolDoneReply = "All right, that's done.";
    public const string AcknowledgeReply = "Okay.";

    private readonly RulesSettings _rules;
    private readonly RulesIntentMatcher _matcher;
    private int _calls;

    public RulesLanguageModel(RulesSettings rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules;
        _matcher = new RulesIntentMatcher(rules.Intents);
    }

    public async IAsyncEnumerable<LanguageModelChunk> StreamAsync(LanguageModelRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        if (request.Messages.Count == 0)
        {
            yield break;
        }

        var last = request.Messages[^1];
        string reply;
        if (last.Role == ChatRole.Tool)
        {
            reply = AfterTool(request.Messages, last);
        }
        else if (last.Role == ChatRole.User && _matcher.Match(last.Content) is { } intent)
        {
            if (intent.Tool is { } name && request.Tools.FirstOrDefault(tool => tool.Name == name) is { } tool)
            {
                var id = "rules-" + Interlocked.Increment(ref _calls).ToString(CultureInfo.InvariantCulture);
                yield return LanguageModelChunk.Call(new ToolCallRequest(id, tool.Name, RulesToolArguments.Build(tool, last.Content)));
                yield break;
            }

            reply = intent.Reply ?? AcknowledgeReply;
        }
        else
        {
            reply = NoMatchReply;
        }

        foreach (var sentence in Sentences(reply))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return LanguageModelChunk.Delta(sentence);
            await Task.Yield();
        }
    }

    private string AfterTool(IReadOnlyList<ChatMessage> messages, ChatMessage result)
    {
        if (IsError(result.Content))
        {
            return ToolFailedReply;
        }

        var callAt = -1;
        for (var i = messages.Count - 2; i >= 0; i--)
        {
            if (messages[i].ToolCall is { } call && call.Id == result.ToolCallId)
            {
                callAt = i;
                break;
            }
        }

        if (callAt < 0)
        {
            return ToolDoneReply;
        }

        var toolName = messages[callAt].ToolCall!.Name;
        var asked = messages.Take(callAt).LastOrDefault(message => message.Role == ChatRole.User);
        var intent = (asked is null ? null : _matcher.Match(asked.Content)) is { } matched && matched.Tool == toolName
            ? matched
            : _rules.Intents.FirstOrDefault(candidate => candidate.Tool == toolName);
        return intent?.Reply ?? ToolDoneReply;
    }

    /// <summary>A tool result that is a JSON object with an <c>error</c> member (how the engine reports a failed tool).</summary>
    private static bool IsError(string content)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The reply cut after each sentence's end mark and the space that follows it.</summary>
    private static IEnumerable<string> Sentences(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '.' or '!' or '?' && (i + 1 == text.Length || text[i + 1] == ' '))
            {
                var end = i + 1 < text.Length ? i + 2 : i + 1;
                yield return text[start..end];
                start = end;
                i = end - 1;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }
}

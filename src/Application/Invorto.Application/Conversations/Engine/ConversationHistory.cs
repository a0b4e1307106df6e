using Invorto.Application.Conversations.Providers;

namespace Invorto.Application.Conversations.Engine;

/// <summary>
/// The conversation as the language model sees it, bounded by a message count and a character budget: when either is
/// exceeded the oldest messages are dropped (a tool call never without its result), so a long call neither grows the
/// session's memory nor the model's prompt without end. An assistant message cut by the caller holds only what was heard.
/// Guarded by the session's lock.
/// </summary>
internal sealed class ConversationHistory(int maxMessages, int maxChars)
{
    private readonly List<ChatMessage> _messages = [];
    private int _chars;

    /// <summary>Messages dropped so far to stay within the bounds.</summary>
    public int Dropped { get; private set; }

    public int Count => _messages.Count;

    public List<ChatMessage> Snapshot() => [.. _messages];

    public void AddUser(string text) => Add(new ChatMessage(ChatRole.User, text));

    public ChatMessage AddAssistant(string text)
    {
        var message = new ChatMessage(ChatRole.Assistant, text);
        Add(message);
        return message;
    }

    public void AddToolExchange(ToolCallRequest call, string result)
    {
        _messages.Add(new ChatMessage(ChatRole.Assistant, string.Empty, call));
        _chars += call.ArgumentsJson.Length;
        Add(new ChatMessage(ChatRole.Tool, result, ToolCallId: call.Id));
    }

    /// <summary>
    /// An interrupted reply: its message (<paramref name="entry"/>, when it had been added) becomes what the caller heard,
    /// or disappears when nothing was; a reply cut before its message was added adds what was heard.
    /// </summary>
    public void ReplaceHeard(ChatMessage? entry, string heard)
    {
        var index = entry is null ? -1 : _messages.FindLastIndex(message => ReferenceEquals(message, entry));
        if (index < 0)
        {
            if (heard.Length > 0)
            {
                Add(new ChatMessage(ChatRole.Assistant, heard));
            }

            return;
        }

        _chars -= _messages[index].Content.Length;
        if (heard.Length > 0)
        {
            _messages[index] = new ChatMessage(ChatRole.Assistant, heard);
            _chars += heard.Length;
        }
        else
        {
            _messages.RemoveAt(index);
        }
    }

    private void Add(ChatMessage message)
    {
        _messages.Add(message);
        _chars += message.Content.Length;
        while (_messages.Count > 1 && (_messages.Count > maxMessages || _chars > maxChars))
        {
            DropOldest();
        }

        // A history must not open with the answer to a call it no longer holds.
        while (_messages.Count > 1 && (_messages[0].Role == ChatRole.Tool || _messages[0].ToolCall is not null))
        {
            DropOldest();
        }
    }

    private void DropOldest()
    {
        var oldest = _messages[0];
        _chars -= oldest.Content.Length + (oldest.ToolCall?.ArgumentsJson.Length ?? 0);
        _messages.RemoveAt(0);
        Dropped++;
    }
}

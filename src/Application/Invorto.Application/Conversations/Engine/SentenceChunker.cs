using System.Text;

namespace Invorto.Application.Conversations.Engine;

/// <summary>
/// Cuts a streamed answer into speakable pieces so the synthesizer can start on the first sentence while the model
/// is still writing: a piece ends at sentence punctuation followed by a space, or at a comma once it is long.
/// </summary>
public sealed class SentenceChunker
{
    public const int LongPiece = 120;
    private readonly StringBuilder _buffer = new();

    public IReadOnlyList<string> Push(string delta)
    {
        _buffer.Append(delta);
        List<string>? pieces = null;
        var start = 0;
        for (var i = 0; i < _buffer.Length - 1; i++)
        {
            var c = _buffer[i];
            var boundary = c is '.' or '!' or '?' or ';' or ':'
                || (c == ',' && i - start >= LongPiece);
            if (boundary && char.IsWhiteSpace(_buffer[i + 1]))
            {
                var piece = _buffer.ToString(start, i + 1 - start).Trim();
                if (piece.Length > 0)
                {
                    (pieces ??= []).Add(piece);
                }

                start = i + 1;
            }
        }

        if (start > 0)
        {
            _buffer.Remove(0, start);
        }

        return pieces ?? (IReadOnlyList<string>)[];
    }

    public string? Flush()
    {
        var rest = _buffer.ToString().Trim();
        _buffer.Clear();
        return rest.Length > 0 ? rest : null;
    }
}

using System.Collections.Concurrent;
using Invorto.Application.Agents.Configuration;

namespace Invorto.Application.Conversations.Engine;

/// <summary>
/// The endpointing wait functions of the process, parsed once per expression rather than once per call. Bounded: past
/// <see cref="MaxEntries"/> distinct expressions a new one is parsed for its call and not kept.
/// </summary>
internal sealed class WaitFunctionCache
{
    public const int MaxEntries = 1024;

    private readonly ConcurrentDictionary<string, WaitFunction?> _parsed = new(StringComparer.Ordinal);

    /// <returns>The parsed function, or null when there is none or it does not parse (the validator refuses those on save).</returns>
    public WaitFunction? Get(string? expression)
    {
        if (expression is null)
        {
            return null;
        }

        if (_parsed.TryGetValue(expression, out var function))
        {
            return function;
        }

        if (!WaitFunction.TryParse(expression, out function, out _))
        {
            function = null;
        }

        if (_parsed.Count < MaxEntries)
        {
            _parsed.TryAdd(expression, function);
        }

        return function;
    }
}

using System.Globalization;
using Invorto.Domain.Common;

namespace Invorto.Domain.Concurrency;

/// <summary>
/// The member a call occupies in every scope's sorted set. It is the call id, so any host that knows the
/// call (the status hook, the stale-call reaper) can release the slot without having acquired it.
/// </summary>
public sealed record SlotId
{
    public const int MaxLength = 128;

    private SlotId(string value) => Value = value;

    public string Value { get; }

    public static SlotId ForCall(Guid callId) =>
        callId == Guid.Empty
            ? throw new DomainException("A slot needs a call id.")
            : new SlotId(callId.ToString("D", CultureInfo.InvariantCulture));

    public static SlotId From(string value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new DomainException($"A slot id is 1 to {MaxLength} characters without spaces or control characters.");
        }

        return new SlotId(value);
    }

    public override string ToString() => Value;
}

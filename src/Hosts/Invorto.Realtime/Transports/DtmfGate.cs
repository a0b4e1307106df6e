namespace Invorto.Realtime.Transports;

/// <summary>
/// The DTMF budget of one socket: digits are <c>0-9*#A-D</c>, at most <see cref="MaxDigits"/> per message, and at most
/// <see cref="MessagesPerSecond"/> messages per second after a burst of <see cref="Burst"/> (a token bucket). Every digit
/// that passes becomes a timeline entry, a Redis write and LLM context, so a flood must stop here.
/// </summary>
public sealed class DtmfGate
{
    public const int MaxDigits = 32;
    public const int MessagesPerSecond = 20;
    public const int Burst = 10;
    private const double TicksPerToken = 1000.0 / MessagesPerSecond;
    private double _tokens = Burst;
    private long _refilledAt = Environment.TickCount64;

    public static bool IsValid(string? digits)
    {
        if (string.IsNullOrEmpty(digits) || digits.Length > MaxDigits)
        {
            return false;
        }

        foreach (var digit in digits)
        {
            if (digit is not ((>= '0' and <= '9') or '*' or '#' or (>= 'A' and <= 'D')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Judges one message; an invalid one spends no budget.</summary>
    public DtmfVerdict Admit(string? digits)
    {
        if (!IsValid(digits))
        {
            return DtmfVerdict.Invalid;
        }

        var now = Environment.TickCount64;
        _tokens = Math.Min(Burst, _tokens + ((now - _refilledAt) / TicksPerToken));
        _refilledAt = now;
        if (_tokens < 1)
        {
            return DtmfVerdict.OverRate;
        }

        _tokens--;
        return DtmfVerdict.Accepted;
    }
}

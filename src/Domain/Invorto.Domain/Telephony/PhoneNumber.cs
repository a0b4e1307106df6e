using System.Diagnostics.CodeAnalysis;

namespace Invorto.Domain.Telephony;

/// <summary>An E.164 number: '+' and 8 to 15 digits. Providers' variants (no '+', spaces, dashes) are normalised on parse.</summary>
public sealed record PhoneNumber
{
    private PhoneNumber(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? raw, [NotNullWhen(true)] out PhoneNumber? number)
    {
        number = null;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return false;
        }

        Span<char> digits = stackalloc char[16];
        var count = 0;
        foreach (var c in raw.AsSpan().Trim())
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == digits.Length)
                {
                    return false;
                }

                digits[count++] = c;
            }
            else if (c is not (' ' or '-' or '(' or ')' or '.') && !(c == '+' && count == 0))
            {
                return false;
            }
        }

        if (count is < 8 or > 15 || digits[0] == '0')
        {
            return false;
        }

        number = new PhoneNumber(string.Concat("+", digits[..count]));
        return true;
    }

    public static PhoneNumber Parse(string raw) =>
        TryParse(raw, out var number) ? number : throw new FormatException($"'{raw}' is not an E.164 phone number.");

    public override string ToString() => Value;
}

using System.Diagnostics.CodeAnalysis;
using Invorto.Domain.Telephony;

namespace Invorto.Application.Numbers;

/// <summary>The wire names of <see cref="TelephonyProviderKind"/>: jambonz, twilio (no numbers, any case).</summary>
public static class TelephonyProviderKinds
{
    public static bool TryParse([NotNullWhen(true)] string? value, out TelephonyProviderKind provider)
    {
        provider = default;
        return !string.IsNullOrWhiteSpace(value)
            && value.All(char.IsAsciiLetter)
            && Enum.TryParse(value, ignoreCase: true, out provider)
            && Enum.IsDefined(provider);
    }

    /// <summary>For values a validator has already accepted.</summary>
    public static TelephonyProviderKind Parse(string? value) =>
        TryParse(value, out var provider) ? provider : throw new ArgumentException($"'{value}' is not a known TelephonyProviderKind.", nameof(value));
}

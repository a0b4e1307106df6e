using System.Diagnostics.CodeAnalysis;
using Invorto.Domain.Tenants;

namespace Invorto.Application.ApiKeys;

/// <summary>The wire names of <see cref="ApiKeyRole"/>: admin, dev, analyst (no numbers, any case).</summary>
public static class ApiKeyRoles
{
    public static bool TryParse([NotNullWhen(true)] string? value, out ApiKeyRole role)
    {
        role = default;
        return !string.IsNullOrWhiteSpace(value)
            && value.All(char.IsAsciiLetter)
            && Enum.TryParse(value, ignoreCase: true, out role)
            && Enum.IsDefined(role);
    }

    /// <summary>For values a validator has already accepted.</summary>
    public static ApiKeyRole Parse(string? value) =>
        TryParse(value, out var role) ? role : throw new ArgumentException($"'{value}' is not a known ApiKeyRole.", nameof(value));
}

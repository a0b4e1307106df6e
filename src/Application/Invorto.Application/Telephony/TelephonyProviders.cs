namespace Invorto.Application.Telephony;

/// <summary>The configured providers by name; a request or phone number picks one, otherwise the default.</summary>
public sealed class TelephonyProviders(IEnumerable<ITelephonyProvider> providers, DefaultTelephonyProvider defaultProvider)
{
    private readonly Dictionary<string, ITelephonyProvider> _byName = providers.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Names => _byName.Keys;

    public ITelephonyProvider? Find(string? name) =>
        _byName.GetValueOrDefault(string.IsNullOrWhiteSpace(name) ? defaultProvider.Name : name.Trim());
}

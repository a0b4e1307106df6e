using System.Globalization;

namespace Invorto.Bench.Realtime;

/// <summary>An optional leading verb, then <c>--name value...</c> options (several values allowed) and bare <c>--flag</c>s.</summary>
public sealed class Arguments
{
    private readonly Dictionary<string, List<string>> _values;

    private Arguments(string? verb, Dictionary<string, List<string>> values)
    {
        Verb = verb;
        _values = values;
    }

    public string? Verb { get; }

    public static Arguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        string? verb = null;
        List<string>? current = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                current = [];
                values[args[i][2..]] = current;
            }
            else if (current is not null)
            {
                current.Add(args[i]);
            }
            else if (i == 0)
            {
                verb = args[i];
            }
            else
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.", nameof(args));
            }
        }

        return new Arguments(verb, values);
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var list) ? list : [];

    public string? TextOrNull(string name) => _values.TryGetValue(name, out var list) && list.Count > 0 ? list[0] : null;

    public string Text(string name, string fallback) => TextOrNull(name) ?? fallback;

    public string Required(string name) => TextOrNull(name) ?? throw new ArgumentException($"--{name} is required.", nameof(name));

    public int Number(string name, int fallback) =>
        TextOrNull(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public int? NumberOrNull(string name) =>
        TextOrNull(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;

    public double Real(string name, double fallback) =>
        TextOrNull(name) is { } value ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;
}

namespace Invorto.Infrastructure.Configuration;

/// <summary>Collects start-up configuration problems, each naming the environment variable to fix.</summary>
internal sealed class OptionsValidationBuilder
{
    private readonly List<string> _failures = [];

    public IReadOnlyList<string> Failures => _failures;

    public void Fail(string variable, string problem) => _failures.Add($"{variable}: {problem}");

    public void RequireRange(string variable, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            Fail(variable, $"must be between {min} and {max} (was {value}).");
        }
    }

    public void RequireAbsoluteUrl(string variable, string? value, params string[] schemes)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || !schemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase))
        {
            Fail(variable, $"must be an absolute {string.Join(" or ", schemes)} URL (was '{value}').");
        }
    }

    public Microsoft.Extensions.Options.ValidateOptionsResult ToResult() =>
        _failures.Count == 0
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Success
            : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(_failures);
}

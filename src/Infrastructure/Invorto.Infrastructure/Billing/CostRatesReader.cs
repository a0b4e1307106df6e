using System.Text.Json;
using Invorto.Application.Calls.Costs;

namespace Invorto.Infrastructure.Billing;

/// <summary>The default rates with the operator's <c>COST_RATES</c> laid over them.</summary>
internal static class CostRatesReader
{
    public static bool TryRead(CostRateOptions options, out CostRates rates, out string? problem)
    {
        var table = new Dictionary<string, decimal>(CostRates.Defaults, StringComparer.Ordinal);
        rates = new CostRates(table, options.UsdInrRate);
        problem = null;
        if (string.IsNullOrWhiteSpace(options.Overrides))
        {
            return true;
        }

        try
        {
            using var document = JsonDocument.Parse(options.Overrides);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problem = "must be a JSON object of \"type:provider\": usdPerUnit entries.";
                return false;
            }

            foreach (var entry in document.RootElement.EnumerateObject())
            {
                var type = entry.Name.Split(':', 2)[0];
                if (!entry.Name.Contains(':', StringComparison.Ordinal) || !CostRates.Types.Contains(type) || entry.Name.Length == type.Length + 1)
                {
                    problem = $"'{entry.Name}' is not \"type:provider\" with type one of {string.Join(", ", CostRates.Types)}.";
                    return false;
                }

                if (entry.Value.ValueKind != JsonValueKind.Number || !entry.Value.TryGetDecimal(out var usd) || usd < 0)
                {
                    problem = $"'{entry.Name}' must be a non-negative number of US dollars per unit.";
                    return false;
                }

                table[entry.Name] = usd;
            }

            return true;
        }
        catch (JsonException exception)
        {
            problem = $"is not valid JSON ({exception.Message}).";
            return false;
        }
    }
}

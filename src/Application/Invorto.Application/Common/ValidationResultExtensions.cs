using FluentValidation.Results;

namespace Invorto.Application.Common;

public static class ValidationResultExtensions
{
    /// <summary>Groups failures by the JSON path the client wrote (validators name properties in camelCase).</summary>
    public static Error ToError(this ValidationResult result) =>
        Error.Validation(result.Errors
            .GroupBy(failure => failure.PropertyName, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(failure => failure.ErrorMessage).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal));
}

using System.Diagnostics.CodeAnalysis;

namespace Invorto.Application.Common;

/// <summary>The outcome of a use case: a value or an expected <see cref="Common.Error"/>.</summary>
public readonly record struct Result<T>
{
    private Result(T? value, Error? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public Error? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public static Result<T> Success(T value) => new(value, null);

    public static Result<T> Failure(Error error) => new(default, error);

#pragma warning disable CA2225 // implicit conversions keep handlers readable; Success/Failure are the named alternates
    public static implicit operator Result<T>(T value) => Success(value);

    public static implicit operator Result<T>(Error error) => Failure(error);
#pragma warning restore CA2225
}

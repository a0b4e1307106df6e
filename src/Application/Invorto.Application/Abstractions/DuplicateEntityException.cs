namespace Invorto.Application.Abstractions;

/// <summary>
/// Thrown by <see cref="IRepository{T}"/> adds when a unique rule of the store rejects the new aggregate
/// (a phone number already registered). Handlers turn it into a conflict.
/// </summary>
public sealed class DuplicateEntityException : Exception
{
    public DuplicateEntityException()
    {
    }

    public DuplicateEntityException(string message)
        : base(message)
    {
    }

    public DuplicateEntityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

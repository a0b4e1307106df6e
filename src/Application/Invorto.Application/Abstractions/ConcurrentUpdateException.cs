namespace Invorto.Application.Abstractions;

/// <summary>
/// Thrown by <see cref="IRepository{T}"/> updates when another request changed the same aggregate first
/// (for an agent: both tried to record the same next version). Handlers turn it into a conflict.
/// </summary>
public sealed class ConcurrentUpdateException : Exception
{
    public ConcurrentUpdateException()
    {
    }

    public ConcurrentUpdateException(string message)
        : base(message)
    {
    }

    public ConcurrentUpdateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

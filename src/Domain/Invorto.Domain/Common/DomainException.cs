namespace Invorto.Domain.Common;

/// <summary>Thrown when code asks an aggregate or value object to break an invariant: a bug in the caller, not user input.</summary>
public sealed class DomainException : Exception
{
    public DomainException(string message)
        : base(message)
    {
    }

    public DomainException()
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace Invorto.Domain.Common;

/// <summary>An object that collects the domain events it raised until the unit of work takes them for dispatch.</summary>
public interface IHasDomainEvents
{
    /// <summary>The events raised since the last <see cref="ClearDomainEvents"/>, oldest first.</summary>
    IReadOnlyList<IDomainEvent> DomainEvents { get; }

    void ClearDomainEvents();
}

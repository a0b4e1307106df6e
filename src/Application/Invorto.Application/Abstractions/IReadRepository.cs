using Ardalis.Specification;
using Invorto.Domain.Common;

namespace Invorto.Application.Abstractions;

/// <summary>Reads aggregate roots without tracking them for change.</summary>
public interface IReadRepository<T> : IReadRepositoryBase<T>
    where T : class, IAggregateRoot;

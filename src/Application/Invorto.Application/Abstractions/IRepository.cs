using Ardalis.Specification;
using Invorto.Domain.Common;

namespace Invorto.Application.Abstractions;

/// <summary>Loads and saves one kind of aggregate root through specifications.</summary>
public interface IRepository<T> : IRepositoryBase<T>
    where T : class, IAggregateRoot;

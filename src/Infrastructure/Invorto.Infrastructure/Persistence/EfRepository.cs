using Ardalis.Specification;
using Invorto.Application.Abstractions;
using Invorto.Domain.Common;
using Invorto.Infrastructure.Persistence.Specifications;
using Microsoft.EntityFrameworkCore;

namespace Invorto.Infrastructure.Persistence;

/// <summary>The generic repository for aggregate roots. Writes save at once, as Ardalis' RepositoryBase does; use <see cref="IUnitOfWork"/> to group them.</summary>
internal class EfRepository<T>(InvortoDbContext db) : IRepository<T>, IReadRepository<T>
    where T : class, IAggregateRoot
{
    protected InvortoDbContext Db { get; } = db;

    public virtual async Task<T> AddAsync(T entity, CancellationToken cancellationToken = default)
    {
        Db.Set<T>().Add(entity);
        try
        {
            await Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (UniqueViolation.Caused(exception))
        {
            // Left tracked, the rejected row would be inserted again by the request's next save.
            Db.Entry(entity).State = EntityState.Detached;
            throw new DuplicateEntityException($"This {typeof(T).Name} already exists.", exception);
        }

        return entity;
    }

    public virtual async Task<IEnumerable<T>> AddRangeAsync(IEnumerable<T> entities, CancellationToken cancellationToken = default)
    {
        var list = entities.ToList();
        Db.Set<T>().AddRange(list);
        await Db.SaveChangesAsync(cancellationToken);
        return list;
    }

    public virtual async Task<int> UpdateAsync(T entity, CancellationToken cancellationToken = default)
    {
        if (Db.Entry(entity).State == EntityState.Detached)
        {
            Db.Set<T>().Update(entity);
        }

        try
        {
            return await Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException || UniqueViolation.Caused(exception))
        {
            // What this request changed is stale now: forgotten, so a retry reads the row again instead of the tracked
            // copy (and does not insert the children it added, such as timeline entries or costs, a second time).
            Db.ChangeTracker.Clear();
            throw new ConcurrentUpdateException($"Another request changed this {typeof(T).Name} first.", exception);
        }
    }

    public virtual async Task<int> UpdateRangeAsync(IEnumerable<T> entities, CancellationToken cancellationToken = default)
    {
        foreach (var entity in entities.Where(entity => Db.Entry(entity).State == EntityState.Detached))
        {
            Db.Set<T>().Update(entity);
        }

        return await Db.SaveChangesAsync(cancellationToken);
    }

    public virtual async Task<int> DeleteAsync(T entity, CancellationToken cancellationToken = default)
    {
        Db.Set<T>().Remove(entity);
        return await Db.SaveChangesAsync(cancellationToken);
    }

    public virtual async Task<int> DeleteRangeAsync(IEnumerable<T> entities, CancellationToken cancellationToken = default)
    {
        Db.Set<T>().RemoveRange(entities);
        return await Db.SaveChangesAsync(cancellationToken);
    }

    public virtual async Task<int> DeleteRangeAsync(ISpecification<T> specification, CancellationToken cancellationToken = default)
    {
        var entities = await Query(specification).ToListAsync(cancellationToken);
        Db.Set<T>().RemoveRange(entities);
        return await Db.SaveChangesAsync(cancellationToken);
    }

    public virtual Task<int> SaveChangesAsync(CancellationToken cancellationToken = default) =>
        Db.SaveChangesAsync(cancellationToken);

    public virtual async Task<T?> GetByIdAsync<TId>(TId id, CancellationToken cancellationToken = default)
        where TId : notnull =>
        await Db.Set<T>().FindAsync([id], cancellationToken);

    public virtual Task<T?> FirstOrDefaultAsync(ISpecification<T> specification, CancellationToken cancellationToken = default) =>
        Query(specification).FirstOrDefaultAsync(cancellationToken);

    public virtual Task<TResult?> FirstOrDefaultAsync<TResult>(ISpecification<T, TResult> specification, CancellationToken cancellationToken = default) =>
        Query(specification).FirstOrDefaultAsync(cancellationToken);

    public virtual Task<T?> SingleOrDefaultAsync(ISingleResultSpecification<T> specification, CancellationToken cancellationToken = default) =>
        Query(specification).SingleOrDefaultAsync(cancellationToken);

    public virtual Task<TResult?> SingleOrDefaultAsync<TResult>(ISingleResultSpecification<T, TResult> specification, CancellationToken cancellationToken = default) =>
        Query(specification).SingleOrDefaultAsync(cancellationToken);

    public virtual Task<List<T>> ListAsync(CancellationToken cancellationToken = default) =>
        Db.Set<T>().ToListAsync(cancellationToken);

    public virtual async Task<List<T>> ListAsync(ISpecification<T> specification, CancellationToken cancellationToken = default)
    {
        var list = await Query(specification).ToListAsync(cancellationToken);
        return specification.PostProcessingAction is null ? list : specification.PostProcessingAction(list).ToList();
    }

    public virtual async Task<List<TResult>> ListAsync<TResult>(ISpecification<T, TResult> specification, CancellationToken cancellationToken = default)
    {
        var list = await Query(specification).ToListAsync(cancellationToken);
        return specification.PostProcessingAction is null ? list : specification.PostProcessingAction(list).ToList();
    }

    public virtual Task<int> CountAsync(ISpecification<T> specification, CancellationToken cancellationToken = default) =>
        SpecificationEvaluator.GetQuery(Db.Set<T>(), specification, criteriaOnly: true).CountAsync(cancellationToken);

    public virtual Task<int> CountAsync(CancellationToken cancellationToken = default) =>
        Db.Set<T>().CountAsync(cancellationToken);

    public virtual Task<bool> AnyAsync(ISpecification<T> specification, CancellationToken cancellationToken = default) =>
        SpecificationEvaluator.GetQuery(Db.Set<T>(), specification, criteriaOnly: true).AnyAsync(cancellationToken);

    public virtual Task<bool> AnyAsync(CancellationToken cancellationToken = default) =>
        Db.Set<T>().AnyAsync(cancellationToken);

    public virtual IAsyncEnumerable<T> AsAsyncEnumerable(ISpecification<T> specification) =>
        Query(specification).AsAsyncEnumerable();

    protected virtual IQueryable<T> Query(ISpecification<T> specification) =>
        SpecificationEvaluator.GetQuery(Db.Set<T>(), specification);

    protected virtual IQueryable<TResult> Query<TResult>(ISpecification<T, TResult> specification) =>
        SpecificationEvaluator.GetQuery(Db.Set<T>(), specification);
}

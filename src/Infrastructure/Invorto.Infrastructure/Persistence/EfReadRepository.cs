using Ardalis.Specification;
using Invorto.Domain.Common;
using Invorto.Infrastructure.Persistence.Specifications;
using Microsoft.EntityFrameworkCore;

namespace Invorto.Infrastructure.Persistence;

/// <summary>Reads without change tracking: what a query needs and nothing more.</summary>
internal sealed class EfReadRepository<T>(InvortoDbContext db) : EfRepository<T>(db)
    where T : class, IAggregateRoot
{
    protected override IQueryable<T> Query(ISpecification<T> specification) =>
        SpecificationEvaluator.GetQuery(Db.Set<T>().AsNoTracking(), specification);

    protected override IQueryable<TResult> Query<TResult>(ISpecification<T, TResult> specification) =>
        SpecificationEvaluator.GetQuery(Db.Set<T>().AsNoTracking(), specification);
}

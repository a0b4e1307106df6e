using System.Linq.Expressions;
using System.Reflection;
using Ardalis.Specification;
using Microsoft.EntityFrameworkCore;

namespace Invorto.Infrastructure.Persistence.Specifications;

/// <summary>
/// Applies an Ardalis specification to an EF Core query, the job of Ardalis.Specification.EntityFrameworkCore
/// (not served by our package mirror). Supported: where, search (LIKE), include/then-include, ordering,
/// paging, tracking flags, query filters, tags and projections.
/// </summary>
internal static class SpecificationEvaluator
{
    private static readonly MethodInfo LikeMethod = typeof(DbFunctionsExtensions).GetMethod(
        nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string)])!;

    public static IQueryable<T> GetQuery<T>(IQueryable<T> source, ISpecification<T> specification, bool criteriaOnly = false)
        where T : class
    {
        var query = source;
        query = ApplyWhere(query, specification);
        query = ApplySearch(query, specification);
        if (criteriaOnly)
        {
            return query;
        }

        query = ApplyIncludes(query, specification);
        query = ApplyOrdering(query, specification);
        query = ApplyPaging(query, specification);
        query = ApplyFlags(query, specification);
        return query;
    }

    public static IQueryable<TResult> GetQuery<T, TResult>(IQueryable<T> source, ISpecification<T, TResult> specification)
        where T : class
    {
        var query = GetQuery(source, (ISpecification<T>)specification);
        if (specification.Selector is not null)
        {
            return query.Select(specification.Selector);
        }

        if (specification.SelectorMany is not null)
        {
            return query.SelectMany(specification.SelectorMany);
        }

        throw new InvalidOperationException($"{specification.GetType().Name} has no Select or SelectMany.");
    }

    private static IQueryable<T> ApplyWhere<T>(IQueryable<T> query, ISpecification<T> specification)
    {
        foreach (var where in specification.WhereExpressions)
        {
            query = query.Where(where.Filter);
        }

        return query;
    }

    private static IQueryable<T> ApplySearch<T>(IQueryable<T> query, ISpecification<T> specification)
    {
        // Criteria of one search group are OR-ed; groups are AND-ed (Ardalis semantics).
        foreach (var group in specification.SearchCriterias.GroupBy(criteria => criteria.SearchGroup))
        {
            var parameter = Expression.Parameter(typeof(T), "entity");
            Expression? body = null;
            foreach (var criteria in group)
            {
                var selector = new ParameterReplacer(criteria.Selector.Parameters[0], parameter).Visit(criteria.Selector.Body);
                var like = Expression.Call(LikeMethod, Expression.Constant(EF.Functions), selector, Expression.Constant(criteria.SearchTerm));
                body = body is null ? like : Expression.OrElse(body, like);
            }

            if (body is not null)
            {
                query = query.Where(Expression.Lambda<Func<T, bool>>(body, parameter));
            }
        }

        return query;
    }

    private static IQueryable<T> ApplyIncludes<T>(IQueryable<T> query, ISpecification<T> specification)
        where T : class
    {
        foreach (var path in specification.IncludeStrings)
        {
            query = query.Include(path);
        }

        string? previous = null;
        foreach (var include in specification.IncludeExpressions)
        {
            var member = MemberPath(include.LambdaExpression);
            previous = include.Type == IncludeTypeEnum.ThenInclude && previous is not null
                ? $"{previous}.{member}"
                : member;
            query = query.Include(previous);
        }

        return query;
    }

    private static IQueryable<T> ApplyOrdering<T>(IQueryable<T> query, ISpecification<T> specification)
    {
        IOrderedQueryable<T>? ordered = null;
        foreach (var order in specification.OrderExpressions)
        {
            ordered = order.OrderType switch
            {
                OrderTypeEnum.OrderBy => query.OrderBy(order.KeySelector),
                OrderTypeEnum.OrderByDescending => query.OrderByDescending(order.KeySelector),
                OrderTypeEnum.ThenBy => ThenSource(ordered, order.OrderType).ThenBy(order.KeySelector),
                OrderTypeEnum.ThenByDescending => ThenSource(ordered, order.OrderType).ThenByDescending(order.KeySelector),
                _ => throw new NotSupportedException($"Order type {order.OrderType} is not supported."),
            };
            query = ordered;
        }

        return query;
    }

    private static IOrderedQueryable<T> ThenSource<T>(IOrderedQueryable<T>? ordered, OrderTypeEnum type) =>
        ordered ?? throw new InvalidOperationException($"{type} needs an OrderBy before it.");

    private static IQueryable<T> ApplyPaging<T>(IQueryable<T> query, ISpecification<T> specification)
    {
        if (specification.Skip is > 0)
        {
            query = query.Skip(specification.Skip);
        }

        if (specification.Take is > 0)
        {
            query = query.Take(specification.Take);
        }

        return query;
    }

    private static IQueryable<T> ApplyFlags<T>(IQueryable<T> query, ISpecification<T> specification)
        where T : class
    {
        if (specification.IgnoreQueryFilters)
        {
            query = query.IgnoreQueryFilters();
        }

        if (specification.AsNoTracking)
        {
            query = query.AsNoTracking();
        }
        else if (specification.AsNoTrackingWithIdentityResolution)
        {
            query = query.AsNoTrackingWithIdentityResolution();
        }
        else if (specification.AsTracking)
        {
            query = query.AsTracking();
        }

        if (specification.AsSplitQuery)
        {
            query = query.AsSplitQuery();
        }

        foreach (var tag in specification.QueryTags)
        {
            query = query.TagWith(tag);
        }

        return query;
    }

    private static string MemberPath(LambdaExpression lambda)
    {
        var names = new Stack<string>();
        var current = lambda.Body;
        while (current is MemberExpression member)
        {
            names.Push(member.Member.Name);
            current = member.Expression;
        }

        if (current is not ParameterExpression || names.Count == 0)
        {
            throw new NotSupportedException($"Include needs a member path such as x => x.Items, not '{lambda}'.");
        }

        return string.Join('.', names);
    }

    private sealed class ParameterReplacer(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}

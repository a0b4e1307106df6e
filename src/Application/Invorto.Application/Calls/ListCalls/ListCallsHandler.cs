using AutoMapper;
using FluentValidation;
using Invorto.Application.Abstractions;
using Invorto.Application.Common;

namespace Invorto.Application.Calls.ListCalls;

public sealed class ListCallsHandler(
    IValidator<ListCallsQuery> validator,
    ICallsQueries queries,
    ICursorProtector cursors,
    IMapper mapper)
{
    public async Task<Result<Page<CallSummaryDto>>> HandleAsync(ListCallsQuery query, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(query, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var filter = CallListFilter.Of(query);
        var filterHash = CallListCursor.FilterOf(filter);
        CallListCursor? after = null;
        if (!string.IsNullOrEmpty(query.Cursor))
        {
            after = CallListCursor.Read(cursors, query.Cursor);
            if (after is null || after.TenantId != query.TenantId || after.Filter != filterHash)
            {
                return Error.Validation(new Dictionary<string, string[]>(StringComparer.Ordinal)
                {
                    ["cursor"] = ["is not a valid cursor for this listing"],
                });
            }
        }

        var limit = query.Limit ?? ListCallsQuery.DefaultLimit;

        // One extra row says whether another page exists without a count.
        var rows = await queries.ListAsync(
            new CallPageRequest(query.TenantId, filter, after?.CreatedAt, after?.Id, limit + 1),
            cancellationToken);

        var page = rows.Take(limit).ToList();
        var next = rows.Count > limit
            ? new CallListCursor(CallListCursor.CallsListing, query.TenantId, filterHash, page[^1].CreatedAt.UtcTicks, page[^1].Id).Write(cursors)
            : null;

        return new Page<CallSummaryDto>(mapper.Map<List<CallSummaryDto>>(page), next);
    }
}

using AutoMapper;
using FluentValidation;
using Invorto.Application.Abstractions;
using Invorto.Application.Common;

namespace Invorto.Application.Agents.ListAgents;

public sealed class ListAgentsHandler(
    IValidator<ListAgentsQuery> validator,
    IAgentQueries queries,
    ICursorProtector cursors,
    IMapper mapper)
{
    public async Task<Result<Page<AgentDto>>> HandleAsync(ListAgentsQuery query, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(query, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var filter = AgentListCursor.FilterOf(query);
        AgentListCursor? after = null;
        if (!string.IsNullOrEmpty(query.Cursor))
        {
            after = AgentListCursor.Read(cursors, query.Cursor);
            if (after is null || after.TenantId != query.TenantId || after.Filter != filter)
            {
                return Error.Validation(new Dictionary<string, string[]>(StringComparer.Ordinal)
                {
                    ["cursor"] = ["is not a valid cursor for this listing"],
                });
            }
        }

        var limit = query.Limit ?? ListAgentsQuery.DefaultLimit;
        var name = string.IsNullOrWhiteSpace(query.Name) ? null : query.Name.Trim();

        // One extra row says whether another page exists without a count.
        var rows = await queries.ListAsync(
            new AgentPageRequest(query.TenantId, name, query.IncludeArchived, after?.CreatedAt, after?.Id, limit + 1),
            cancellationToken);

        var page = rows.Take(limit).ToList();
        var next = rows.Count > limit
            ? new AgentListCursor(query.TenantId, filter, page[^1].CreatedAt.UtcTicks, page[^1].Id).Write(cursors)
            : null;

        return new Page<AgentDto>(mapper.Map<List<AgentDto>>(page), next);
    }
}

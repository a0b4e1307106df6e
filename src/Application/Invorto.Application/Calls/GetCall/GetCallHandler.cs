using AutoMapper;
using Invorto.Application.Common;

namespace Invorto.Application.Calls.GetCall;

public sealed class GetCallHandler(ICallsQueries queries, IMapper mapper)
{
    public async Task<Result<CallDetailDto>> HandleAsync(GetCallQuery query, CancellationToken cancellationToken)
    {
        var call = await queries.FindAsync(query.TenantId, query.CallId, cancellationToken);
        return call is null ? Error.NotFound("The call") : mapper.Map<CallDetailDto>(call);
    }
}

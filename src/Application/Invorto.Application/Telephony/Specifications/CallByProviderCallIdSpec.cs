using Ardalis.Specification;
using Invorto.Domain.Calls;

namespace Invorto.Application.Telephony.Specifications;

public sealed class CallByProviderCallIdSpec : SingleResultSpecification<Call>
{
    public CallByProviderCallIdSpec(string provider, string providerCallId) =>
        Query.Where(call => call.Provider == provider && call.ProviderCallId == providerCallId);
}

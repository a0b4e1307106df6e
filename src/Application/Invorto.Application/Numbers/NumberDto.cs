using Invorto.Domain.Telephony;

namespace Invorto.Application.Numbers;

/// <summary>A tenant's phone number and the agent that answers it (<c>/v1/numbers</c>).</summary>
public sealed record NumberDto(Guid Id, string Number, Guid AgentId, TelephonyProviderKind Provider, DateTimeOffset CreatedAt)
{
    public static NumberDto From(PhoneNumberRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        return new NumberDto(route.Id, route.Number.Value, route.AgentId, route.Provider, route.CreatedAt);
    }
}

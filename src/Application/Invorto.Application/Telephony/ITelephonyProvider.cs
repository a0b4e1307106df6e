using Invorto.Application.Common;
using Invorto.Domain.Telephony;

namespace Invorto.Application.Telephony;

/// <summary>
/// A telephony provider (Jambonz, Twilio) behind one port. Outages are values: an unreachable provider or one
/// without capacity answers <see cref="ErrorCodes.ProviderUnavailable"/>, never an exception.
/// </summary>
public interface ITelephonyProvider
{
    /// <summary>The name stored on calls and used to pick the provider per number or request.</summary>
    string Name { get; }

    /// <summary>Originates a call and returns the provider's call id.</summary>
    Task<Result<string>> PlaceCallAsync(PlaceCallRequest request, CancellationToken cancellationToken);

    Task<Result<bool>> HangUpAsync(string providerCallId, CancellationToken cancellationToken);

    Task<Result<bool>> TransferAsync(string providerCallId, PhoneNumber target, TransferMode mode, CancellationToken cancellationToken);

    Task<Result<bool>> SendDtmfAsync(string providerCallId, string digits, CancellationToken cancellationToken);
}

namespace Invorto.Infrastructure.Telephony;

/// <summary>Why a provider hook's signature was accepted or refused (logged; the provider only sees 401).</summary>
public enum SignatureCheck
{
    Valid = 0,
    Missing = 1,
    Malformed = 2,
    Stale = 3,
    Mismatch = 4,
}

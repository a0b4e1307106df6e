namespace Invorto.Domain.Telephony;

/// <summary>The telephony providers a number can be routed through (spec §4).</summary>
public enum TelephonyProviderKind
{
    Jambonz = 0,
    Twilio = 1,
}

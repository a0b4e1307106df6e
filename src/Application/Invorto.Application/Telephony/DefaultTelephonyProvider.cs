namespace Invorto.Application.Telephony;

/// <summary>The provider used when neither the request nor a phone number names one.</summary>
public sealed record DefaultTelephonyProvider(string Name);

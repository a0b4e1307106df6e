namespace Invorto.Application.Telephony.ConnectCall;

/// <summary>A provider asks what to do with a call it just set up (Jambonz call_hook, Twilio voice URL).</summary>
/// <param name="InvortoCallId">Our call id when the call is one we placed (from the provider's tag/parameters).</param>
public sealed record ConnectCallCommand(string Provider, string ProviderCallId, Guid? InvortoCallId, string From, string To, string Direction);

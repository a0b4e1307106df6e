namespace Invorto.Application.Calls;

/// <summary>Limits applied before a call is dialled: the API-level guard of spec §7 and the ring timeout handed to providers.</summary>
public sealed record CallAdmissionLimits(int MaxConcurrentCallsPerTenant, TimeSpan RingTimeout);

namespace Invorto.Application.Calls.SpendCap;

/// <summary>A tenant's spend today reached <paramref name="ThresholdPercent"/> of its daily cap.</summary>
public sealed record SpendThresholdReached(Guid TenantId, DateOnly Day, int ThresholdPercent, decimal SpentInr, decimal CapInr);

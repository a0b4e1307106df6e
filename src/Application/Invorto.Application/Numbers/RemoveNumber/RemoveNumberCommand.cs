namespace Invorto.Application.Numbers.RemoveNumber;

/// <summary>Stops routing a number of the caller's tenant; the number becomes free for any tenant.</summary>
public sealed record RemoveNumberCommand(Guid TenantId, Guid NumberId);

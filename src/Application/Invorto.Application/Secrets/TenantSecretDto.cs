namespace Invorto.Application.Secrets;

/// <summary>A secret as listings show it: its name and times, never its value.</summary>
public sealed record TenantSecretDto(string Name, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

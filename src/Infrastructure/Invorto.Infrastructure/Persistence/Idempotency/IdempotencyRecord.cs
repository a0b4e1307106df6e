namespace Invorto.Infrastructure.Persistence.Idempotency;

/// <summary>A row of <c>idempotency_keys</c>: pending while <see cref="Status"/> is null, then the stored first response.</summary>
internal sealed class IdempotencyRecord
{
    public const int MaxKeyLength = 255;

    public Guid TenantId { get; set; }

    public string Key { get; set; } = string.Empty;

    public string RequestHash { get; set; } = string.Empty;

    public int? Status { get; set; }

    public string? Response { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

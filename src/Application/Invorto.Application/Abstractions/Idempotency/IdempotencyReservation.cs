namespace Invorto.Application.Abstractions.Idempotency;

/// <summary>What <see cref="IIdempotencyStore.ReserveAsync"/> found.</summary>
public sealed record IdempotencyReservation(IdempotencyOutcome Outcome, int? Status = null, string? Body = null)
{
    public static IdempotencyReservation Reserved { get; } = new(IdempotencyOutcome.Reserved);

    public static IdempotencyReservation InProgress { get; } = new(IdempotencyOutcome.InProgress);

    public static IdempotencyReservation Mismatch { get; } = new(IdempotencyOutcome.Mismatch);

    public static IdempotencyReservation Replay(int status, string body) => new(IdempotencyOutcome.Replay, status, body);
}

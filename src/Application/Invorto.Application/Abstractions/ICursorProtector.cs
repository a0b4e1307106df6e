namespace Invorto.Application.Abstractions;

/// <summary>
/// Signs pagination cursors so a client can hold them but not forge or alter them (spec §4).
/// The key survives restarts and is shared by every process of the platform.
/// </summary>
public interface ICursorProtector
{
    /// <summary>An opaque URL-safe token carrying <paramref name="payload"/> and its signature.</summary>
    string Protect(ReadOnlySpan<byte> payload);

    /// <summary>The payload of a token made by <see cref="Protect"/>; false when the token was altered or is not one.</summary>
    bool TryUnprotect(string token, out byte[] payload);
}

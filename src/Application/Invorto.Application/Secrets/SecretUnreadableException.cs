namespace Invorto.Application.Secrets;

/// <summary>
/// A stored secret could not be decrypted: its key left the key ring or the stored value was altered. An outage, not
/// bad input; the message names the secret, never its value.
/// </summary>
public sealed class SecretUnreadableException : Exception
{
    public SecretUnreadableException()
    {
    }

    public SecretUnreadableException(string message)
        : base(message)
    {
    }

    public SecretUnreadableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

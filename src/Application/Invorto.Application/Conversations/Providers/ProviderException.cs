namespace Invorto.Application.Conversations.Providers;

/// <summary>
/// A speech or language provider failed. Adapters translate their transport's errors into this one type, naming the
/// provider (<c>deepgram</c>, <c>openai</c>, <c>elevenlabs</c> ...) and the <see cref="ProviderFailureKind"/>, so the
/// engine can fail over or end the call with <c>provider_unavailable</c> without knowing any vendor. The message never
/// contains a key or a secret.
/// </summary>
public sealed class ProviderException : Exception
{
    public ProviderException(string provider, ProviderFailureKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Provider = provider;
        Kind = kind;
    }

    public ProviderException()
        : this("unknown", ProviderFailureKind.Unavailable, "The provider failed.")
    {
    }

    public ProviderException(string message)
        : this("unknown", ProviderFailureKind.Unavailable, message)
    {
    }

    public ProviderException(string message, Exception innerException)
        : this("unknown", ProviderFailureKind.Unavailable, message, innerException)
    {
    }

    public string Provider { get; }

    public ProviderFailureKind Kind { get; }

    /// <summary>The HTTP status the provider answered, when it answered one.</summary>
    public int? StatusCode { get; init; }
}

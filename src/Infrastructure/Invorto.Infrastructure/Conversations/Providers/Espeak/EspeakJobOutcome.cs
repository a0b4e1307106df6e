namespace Invorto.Infrastructure.Conversations.Providers.Espeak;

/// <summary>How a synthesis job ended: <see cref="Aborted"/> when it was stopped before the text was spoken, and how much audio it made.</summary>
internal sealed record EspeakJobOutcome(bool Aborted, long BytesWritten);

using Invorto.Application.Conversations.Providers;

namespace Invorto.Infrastructure.Conversations.Selection;

/// <summary>A recognizer in a failover chain listens with its own provider name and model, not the agent's primary ones.</summary>
internal sealed class RecognizerWithModel(ISpeechRecognizer inner, string provider, string model) : ISpeechRecognizer
{
    public IRecognitionStream Start(RecognitionOptions options) => inner.Start(options with { Provider = provider, Model = model });
}

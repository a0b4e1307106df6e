namespace Invorto.Application.Conversations.Providers;

/// <summary>Streaming speech recognition: one stream per call, fed with the caller's audio as it arrives.</summary>
public interface ISpeechRecognizer
{
    IRecognitionStream Start(RecognitionOptions options);
}

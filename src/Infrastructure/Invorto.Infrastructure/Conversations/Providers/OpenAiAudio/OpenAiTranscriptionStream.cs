using System.Threading.Channels;
using Invorto.Application.Conversations.Providers;
using Microsoft.Extensions.Logging;

namespace Invorto.Infrastructure.Conversations.Providers.OpenAiAudio;

/// <summary>
/// Recognition over a non-streaming transcription endpoint. <see cref="Write"/> runs the caller's audio through the
/// <see cref="OpenAiTranscriptionSegmenter"/> on the caller's thread (no I/O) and hands each finished utterance to a
/// bounded queue (beyond <see cref="OpenAiTranscriptionSettings.MaxPendingUtterances"/> it drops and counts); one
/// worker uploads them in order and emits one final result per utterance that has words. There are no partials: the
/// endpoint has none and a made-up one would mislead barge-in. A failed upload (after its retry) completes
/// <see cref="Results"/> with the <see cref="ProviderException"/>; disposal aborts an upload in flight.
/// </summary>
internal sealed partial class OpenAiTranscriptionStream : IRecognitionStream
{
    private readonly OpenAiTranscriptionClient _client;
    private readonly OpenAiTranscriptionSettings _settings;
    private readonly ILogger _logger;
    private readonly Guid _callId;
    private readonly string _model;
    private readonly string? _language;
    private readonly Lock _gate = new();
    private readonly OpenAiTranscriptionSegmenter _segmenter;
    private readonly Channel<OpenAiTranscriptionUtterance> _utterances;
    private readonly Channel<RecognitionResult> _results = Channel.CreateUnbounded<RecognitionResult>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _worker;
    private int _droppedUtterances;
    private bool _disposed;
    private volatile bool _failed;

    public OpenAiTranscriptionStream(OpenAiTranscriptionClient client, RecognitionOptions options, OpenAiTranscriptionSettings settings, ILogger logger)
    {
        _client = client;
        _settings = settings;
        _logger = logger;
        _callId = options.CallId;
        _model = string.IsNullOrWhiteSpace(options.Model) ? settings.DefaultModel : options.Model.Trim();
        _language = OpenAiTranscriptionClient.TwoLetterLanguage(options.Language);
        _utterances = Channel.CreateBounded<OpenAiTranscriptionUtterance>(new BoundedChannelOptions(Math.Max(1, settings.MaxPendingUtterances))
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _segmenter = new OpenAiTranscriptionSegmenter(options.SampleRate, settings, Enqueue);
        if (client.KeyIsMalformed)
        {
            _failed = true;
            _results.Writer.TryComplete(new ProviderException(OpenAiTranscriptionClient.Provider, ProviderFailureKind.Unauthorized, "The transcription key holds spaces or control characters."));
            _worker = Task.CompletedTask;
            return;
        }

        _worker = Task.Run(TranscribeAsync);
    }

    public ChannelReader<RecognitionResult> Results => _results.Reader;

    /// <summary>Utterances dropped because the endpoint fell behind.</summary>
    public int DroppedUtterances => Volatile.Read(ref _droppedUtterances);

    public void Write(ReadOnlySpan<byte> pcm16)
    {
        lock (_gate)
        {
            if (_disposed || _failed)
            {
                return;
            }

            _segmenter.Add(pcm16);
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _segmenter.Dispose();
        }

        _utterances.Writer.TryComplete();
        await _stop.CancelAsync();
        await _worker;
        ReleasePending();
        _results.Writer.TryComplete();
        _stop.Dispose();
    }

    private void Enqueue(OpenAiTranscriptionUtterance utterance)
    {
        if (_utterances.Writer.TryWrite(utterance))
        {
            return;
        }

        utterance.Release();
        if (_failed)
        {
            return;
        }

        var dropped = Interlocked.Increment(ref _droppedUtterances);
        LogUtteranceDropped(_logger, _callId, dropped);
    }

    private async Task TranscribeAsync()
    {
        try
        {
            await foreach (var utterance in _utterances.Reader.ReadAllAsync(_stop.Token))
            {
                try
                {
                    var text = await _client.TranscribeAsync(utterance, _model, _language, _stop.Token);
                    if (text.Length > 0)
                    {
                        _results.Writer.TryWrite(new RecognitionResult(text, true, _settings.Confidence));
                    }
                }
                finally
                {
                    utterance.Release();
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed: an upload in flight was aborted.
        }
        catch (ProviderException failure)
        {
            Fail(failure);
        }
        catch (Exception exception)
        {
            Fail(new ProviderException(OpenAiTranscriptionClient.Provider, ProviderFailureKind.Unavailable, "The transcription upload failed.", exception));
        }
    }

    private void Fail(ProviderException failure)
    {
        _failed = true;
        _utterances.Writer.TryComplete();
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        LogFailed(_logger, _callId, failure.Kind, failure.Message, failure.InnerException);
        ReleasePending();
        _results.Writer.TryComplete(failure);
    }

    private void ReleasePending()
    {
        while (_utterances.Reader.TryRead(out var utterance))
        {
            utterance.Release();
        }
    }
}

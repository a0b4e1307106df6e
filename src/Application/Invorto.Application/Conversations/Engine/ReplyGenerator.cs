using System.Text;
using System.Threading.Channels;
using Invorto.Application.Agents.Configuration;
using Invorto.Application.Audio;
using Invorto.Application.Conversations.Providers;
using Invorto.Application.Conversations.Transport;
using Microsoft.Extensions.Logging;

namespace Invorto.Application.Conversations.Engine;

/// <summary>
/// Produces a reply's audio: the language model's streamed text (and up to <see cref="ConversationOptions.MaxToolRounds"/>
/// tool rounds), cut into sentences, each synthesized and framed into the outbound queue while the next is still being
/// generated; or a scripted text spoken as it is. Runs on the reply's own task and stops when the reply is cancelled.
/// </summary>
internal sealed partial class ReplyGenerator(
    ConversationSetup setup,
    ConversationProviders providers,
    IConversationTransport transport,
    OutboundAudio outbound,
    ConversationHistory history,
    ToolInvoker tools,
    PlayoutTracker playout,
    CallLimits limits,
    ConversationTelemetry telemetry,
    ConversationOptions options,
    EngineClock clock,
    int sampleRate,
    Lock gate,
    ILogger logger,
    Action<string, bool> requestStop)
{
    private readonly AgentConfig _config = setup.Config;

    // Set once no voice is left (every provider of the voice chain failed): nothing more can be said on this call.
    private volatile bool _voiceLost;

    /// <summary>Speaks <paramref name="text"/> as it is (greeting, consent, resume, goodbye).</summary>
    public async Task SpeakAsync(ReplyHandle reply, string text)
    {
        try
        {
            lock (gate)
            {
                reply.AppendText(text);
            }

            await SpeakSentenceAsync(reply, text).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Interrupted or ended.
        }
        catch (Exception exception)
        {
            LogProviderFailed(logger, setup.CallId, "synthesizer", exception);
            requestStop(ConversationEndReasons.ProviderUnavailable, false);
        }
        finally
        {
            Complete(reply);
        }
    }

    /// <summary>
    /// Answers the caller's <paramref name="turn"/>; with <paramref name="endAfter"/> the call ends once the answer has played.
    /// A tool call's result is in the history (the <see cref="ToolInvoker"/> puts it there) before the next round asks the model.
    /// </summary>
    public async Task RespondAsync(ReplyHandle reply, bool endAfter, int turn)
    {
        try
        {
            for (var round = 0; round < options.MaxToolRounds; round++)
            {
                var call = await AnswerRoundAsync(reply).ConfigureAwait(false);
                if (call is null)
                {
                    break;
                }

                await tools.RunAsync(call, turn, filler => SpeakFillerAsync(reply, filler), reply.Token).ConfigureAwait(false);
            }

            if (endAfter)
            {
                lock (gate)
                {
                    limits.EndAfterReply(ConversationEndReasons.Agent);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Interrupted by the caller or the end of the call.
        }
        catch (Exception exception)
        {
            LogProviderFailed(logger, setup.CallId, _voiceLost ? "synthesizer" : "language model", exception);
            await transport.SendEventAsync(new SessionError("provider_unavailable", "The agent could not answer."), CancellationToken.None).ConfigureAwait(false);

            // A model that failed still leaves a voice for the apology; a lost voice leaves nothing to say.
            requestStop(ConversationEndReasons.ProviderUnavailable, !_voiceLost);
        }
        finally
        {
            Complete(reply);
        }
    }

    /// <summary>The words that cover a slow tool: part of the reply (a barge-in cuts them), not of the model's history.</summary>
    private async Task SpeakFillerAsync(ReplyHandle reply, string text)
    {
        lock (gate)
        {
            reply.AppendText(text);
        }

        await SpeakSentenceAsync(reply, text).ConfigureAwait(false);
    }

    private void Complete(ReplyHandle reply)
    {
        lock (gate)
        {
            reply.CompleteSynthesis();
        }

        reply.Finish();
    }

    private async Task<ToolCallRequest?> AnswerRoundAsync(ReplyHandle reply)
    {
        List<ChatMessage> messages;
        lock (gate)
        {
            messages = history.Snapshot();
        }

        var cancellationToken = reply.Token;
        var sentences = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var speaking = SpeakSentencesAsync(reply, sentences.Reader);
        var chunker = new SentenceChunker();
        ToolCallRequest? call = null;
        var requested = clock.Now;
        var first = true;
        var answer = new StringBuilder();
        try
        {
            var request = new LanguageModelRequest(_config.Llm, _config.Prompt, messages, _config.Tools);
            await foreach (var chunk in providers.LanguageModel.StreamAsync(request, cancellationToken).ConfigureAwait(false))
            {
                if (first)
                {
                    first = false;
                    var firstToken = clock.Milliseconds(requested, clock.Now);
                    lock (gate)
                    {
                        telemetry.LlmFirstTokenLocked(reply, firstToken);
                    }

                    telemetry.Record(TimelineKinds.LlmFirstToken, new { ms = Math.Round(firstToken, 1) });
                }

                if (chunk.ToolCall is not null)
                {
                    call = chunk.ToolCall;
                    continue;
                }

                if (string.IsNullOrEmpty(chunk.Text))
                {
                    continue;
                }

                answer.Append(chunk.Text);
                await transport.SendEventAsync(new AgentTextDelta(chunk.Text), cancellationToken).ConfigureAwait(false);
                foreach (var sentence in chunker.Push(chunk.Text))
                {
                    sentences.Writer.TryWrite(sentence);
                }
            }

            if (chunker.Flush() is { } rest)
            {
                sentences.Writer.TryWrite(rest);
            }

            // The whole answer is known before it has been spoken: the history has it now, and a cut replaces it with what was heard.
            if (answer.Length > 0)
            {
                lock (gate)
                {
                    if (reply.IsCurrent)
                    {
                        reply.HistoryEntry = history.AddAssistant(answer.ToString());
                    }
                }
            }
        }
        finally
        {
            sentences.Writer.TryComplete();
            await speaking.ConfigureAwait(false);
        }

        return call;
    }

    private async Task SpeakSentencesAsync(ReplyHandle reply, ChannelReader<string> sentences)
    {
        await foreach (var sentence in sentences.ReadAllAsync(reply.Token).ConfigureAwait(false))
        {
            lock (gate)
            {
                reply.AppendText(sentence);
            }

            await SpeakSentenceAsync(reply, sentence).ConfigureAwait(false);
        }
    }

    private async Task SpeakSentenceAsync(ReplyHandle reply, string text)
    {
        SpokenSegment? segment;
        bool firstOfReply;
        lock (gate)
        {
            firstOfReply = reply.Segments.Count == 0;
            segment = reply.AddSegment(text, playout.NextMarkLocked());
        }

        if (segment is null)
        {
            return;
        }

        var cancellationToken = reply.Token;
        var frame = new FrameFill(outbound);
        try
        {
            var requested = clock.Now;
            var first = true;
            await foreach (var chunk in providers.Synthesizer.SynthesizeAsync(new SpeechRequest(setup.CallId, text, _config.Voice, sampleRate), cancellationToken).ConfigureAwait(false))
            {
                if (first && firstOfReply)
                {
                    var firstChunk = clock.Milliseconds(requested, clock.Now);
                    lock (gate)
                    {
                        telemetry.TtsFirstChunkLocked(reply, firstChunk);
                    }

                    telemetry.Record(TimelineKinds.TtsFirstChunk, new { ms = Math.Round(firstChunk, 1) });
                }

                first = false;
                var rest = chunk;
                while (frame.Fill(ref rest))
                {
                    await QueueFrameAsync(frame.Take(), reply, segment, cancellationToken).ConfigureAwait(false);
                }
            }

            if (frame.PadWithSilence())
            {
                await QueueFrameAsync(frame.Take(), reply, segment, cancellationToken).ConfigureAwait(false);
            }

            bool markNow;
            lock (gate)
            {
                segment.Queued = true;
                markNow = reply.IsCurrent && segment.TakeMarkDue();
            }

            if (markNow)
            {
                outbound.SendMark(segment.Mark);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _voiceLost = true;
            throw;
        }
        finally
        {
            frame.Release();
        }
    }

    private ValueTask QueueFrameAsync(byte[] buffer, ReplyHandle reply, SpokenSegment segment, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            segment.Frames++;
        }

        return outbound.QueueAsync(new OutboundFrame(buffer, reply.Id, segment), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: the {Provider} failed")]
    private static partial void LogProviderFailed(ILogger logger, Guid callId, string provider, Exception exception);
}

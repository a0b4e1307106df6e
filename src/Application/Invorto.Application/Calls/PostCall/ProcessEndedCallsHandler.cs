using System.Text.Json;
using Invorto.Application.Abstractions;
using Invorto.Application.Calls.Artifacts.EraseCallArtifacts;
using Invorto.Application.Calls.Specifications;
using Invorto.Domain.Calls;

namespace Invorto.Application.Calls.PostCall;

/// <summary>
/// After a call: its transcript (<c>transcript.json</c> in the artifact store) and its summary, built off the audio path
/// from the call's timeline once the call has been over for <see cref="Settle"/> (the timeline's last entries are
/// written by then). A call is processed once: its summary marks it done.
/// </summary>
public sealed class ProcessEndedCallsHandler(IRepository<Call> calls, IArtifactStore artifacts, TimeProvider clock)
{
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    private const int BatchSize = 50;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly JsonSerializerOptions IndentedJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <returns>How many calls were processed.</returns>
    public async Task<int> HandleAsync(CancellationToken cancellationToken)
    {
        var due = await calls.ListAsync(new EndedCallsAwaitingSummarySpec(clock.GetUtcNow() - Settle, BatchSize), cancellationToken);
        foreach (var call in due)
        {
            var transcript = CallTranscriptBuilder.Build(call);
            if (call.AnsweredAt is not null && !call.Events.Any(entry => entry.Kind == EraseCallArtifactsHandler.ErasedEvent))
            {
                using var content = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(transcript, IndentedJson));
                await artifacts.SaveAsync(call.TenantId, call.Id, ArtifactKind.Transcript, content, cancellationToken);
            }

            call.Summarize(JsonSerializer.Serialize(CallSummaryRules.Summarize(call, transcript), Json));
            try
            {
                await calls.UpdateAsync(call, cancellationToken);
            }
            catch (ConcurrentUpdateException)
            {
                // Changed meanwhile (a late status or cost): the next run reads it again.
            }
        }

        return due.Count;
    }
}

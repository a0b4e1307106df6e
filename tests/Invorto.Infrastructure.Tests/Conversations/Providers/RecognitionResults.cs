using System.Threading.Channels;
using Invorto.Application.Conversations.Providers;

namespace Invorto.Infrastructure.Tests.Conversations.Providers;

/// <summary>Reads a recognition stream's results in tests, each read bounded so a silent stream fails the test instead of hanging it.</summary>
internal static class RecognitionResults
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>The next <paramref name="count"/> results.</summary>
    public static async Task<List<RecognitionResult>> ReadAsync(ChannelReader<RecognitionResult> results, int count)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var read = new List<RecognitionResult>();
        while (read.Count < count)
        {
            read.Add(await results.ReadAsync(timeout.Token));
        }

        return read;
    }

    /// <summary>Every result until the stream completes (rethrowing the failure it completed with).</summary>
    public static async Task<List<RecognitionResult>> DrainAsync(ChannelReader<RecognitionResult> results)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var read = new List<RecognitionResult>();
        await foreach (var result in results.ReadAllAsync(timeout.Token))
        {
            read.Add(result);
        }

        return read;
    }
}

using System.Globalization;
using System.Text;
using Invorto.Application.Conversations.Providers;

namespace Invorto.Infrastructure.Conversations.Providers.Deepgram;

/// <summary>The <c>/v1/listen</c> URL for one call: raw PCM16 mono at the call's rate, interim results and utterance-end events on.</summary>
internal static class DeepgramListenUri
{
    public static Uri For(string baseUrl, RecognitionOptions options, DeepgramListenSettings settings)
    {
        var root = DeepgramOptions.WebSocketBase(baseUrl);
        var query = new StringBuilder();
        Add(query, "model", options.Model);
        Add(query, "language", options.Language);
        Add(query, "encoding", "linear16");
        Add(query, "sample_rate", options.SampleRate.ToString(CultureInfo.InvariantCulture));
        Add(query, "channels", "1");
        Add(query, "interim_results", "true");
        Add(query, "utterance_end_ms", settings.UtteranceEndMs.ToString(CultureInfo.InvariantCulture));
        Add(query, "vad_events", "true");
        Add(query, "punctuate", "true");
        Add(query, "smart_format", "true");
        return new UriBuilder(root) { Path = root.AbsolutePath.TrimEnd('/') + "/v1/listen", Query = query.ToString() }.Uri;
    }

    private static void Add(StringBuilder query, string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        if (query.Length > 0)
        {
            query.Append('&');
        }

        query.Append(name).Append('=').Append(Uri.EscapeDataString(value.Trim()));
    }
}

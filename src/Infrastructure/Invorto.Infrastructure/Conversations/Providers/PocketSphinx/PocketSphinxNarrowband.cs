using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Invorto.Infrastructure.Conversations.Providers.PocketSphinx;

/// <summary>
/// Feature parameters for 8 kHz (telephone) audio. The en-us model is a 16 kHz one: 8 kHz audio converted to 16 kHz has
/// nothing above 4 kHz, which shifts the mean cepstrum far from the model's starting estimate (<c>-cmninit</c> in
/// <c>feat.params</c>), and a fresh decoder then misses most words of its first utterances (measured: 0.03 word accuracy
/// on eSpeak speech). A band limit is a fixed filter, an additive offset in the cepstral domain, so narrowband decoders
/// start from the model's estimate plus <see cref="ChannelOffset"/>: the difference between the means the decoder
/// settled on for the same eSpeak speech at 8 kHz and at 16 kHz. The copy of <c>feat.params</c> with that one line
/// changed is written once to the temporary folder (<c>-cmninit</c> on the command line would be overridden by the file).
/// </summary>
internal static class PocketSphinxNarrowband
{
    private static readonly double[] ChannelOffset = [-7.25, 26.29, -31.20, 22.46, -9.60, -5.34, 8.22, -11.31, 3.28, 5.88, -8.12, 8.86, -7.02];

    /// <summary>The path of the narrowband feature parameters for the model, or null when its file has no usable <c>-cmninit</c>.</summary>
    public static string? FeatureParameters(string acousticModelPath)
    {
        var original = Path.Combine(acousticModelPath, "feat.params");
        var lines = File.ReadAllLines(original);
        var index = Array.FindIndex(lines, line => line.StartsWith("-cmninit ", StringComparison.Ordinal));
        if (index < 0)
        {
            return null;
        }

        var values = lines[index]["-cmninit ".Length..].Split(',', StringSplitOptions.TrimEntries);
        if (values.Length != ChannelOffset.Length || !values.All(value => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            return null;
        }

        var shifted = values.Select((value, i) => (double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture) + ChannelOffset[i]).ToString("F2", CultureInfo.InvariantCulture));
        lines[index] = "-cmninit " + string.Join(',', shifted);
        var content = string.Join('\n', lines) + "\n";
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(original + "\n" + content)))[..16];
        var folder = Path.Combine(Path.GetTempPath(), "invorto-pocketsphinx");
        var path = Path.Combine(folder, $"feat-8k-{name}.params");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(folder);
            var partial = path + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
            File.WriteAllText(partial, content);
            File.Move(partial, path, overwrite: true);
        }

        return path;
    }
}

using System.Text.RegularExpressions;

namespace Invorto.Bench.Realtime;

/// <summary>Replaces (or appends) one <c>## Heading</c> section of a Markdown document, up to the next <c>## </c> heading.</summary>
public static class MarkdownSection
{
    public static string Replace(string document, string heading, string section)
    {
        var body = section.TrimEnd('\n') + "\n";
        var pattern = new Regex("^" + Regex.Escape(heading) + @"\n.*?(?=^## |\z)", RegexOptions.Singleline | RegexOptions.Multiline, TimeSpan.FromSeconds(1));
        var match = pattern.Match(document);
        if (!match.Success)
        {
            return document.TrimEnd('\n') + "\n\n" + body;
        }

        var end = match.Index + match.Length;
        return document[..match.Index] + body + (end < document.Length ? "\n" : string.Empty) + document[end..];
    }
}

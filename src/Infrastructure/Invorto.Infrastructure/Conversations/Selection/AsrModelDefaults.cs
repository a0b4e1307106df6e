namespace Invorto.Infrastructure.Conversations.Selection;

/// <summary>A recognition model that fits the provider (the default <c>nova-3</c> means nothing to a whisper server).</summary>
public static class AsrModelDefaults
{
    public const string Deepgram = "nova-3";
    public const string OpenAi = "whisper-1";

    public static string For(string provider, string? model)
    {
        var deepgramModel = model?.StartsWith("nova", StringComparison.OrdinalIgnoreCase) == true
            || model?.StartsWith("enhanced", StringComparison.OrdinalIgnoreCase) == true
            || model?.StartsWith("base", StringComparison.OrdinalIgnoreCase) == true;
        return provider switch
        {
            ProviderNames.Deepgram => string.IsNullOrWhiteSpace(model) ? Deepgram : model,
            ProviderNames.OpenAi => string.IsNullOrWhiteSpace(model) || deepgramModel ? OpenAi : model,
            _ => model ?? string.Empty,
        };
    }
}

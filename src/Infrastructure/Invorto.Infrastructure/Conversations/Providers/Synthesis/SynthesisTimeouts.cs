namespace Invorto.Infrastructure.Conversations.Providers.Synthesis;

/// <summary>
/// How long a streaming synthesizer waits: <see cref="FirstByte"/> from sending the request to the first audio byte
/// (a retry included), <see cref="Stall"/> between two reads once audio flows. Either one running out fails the request
/// with <c>ProviderFailureKind.Timeout</c>.
/// </summary>
public sealed record SynthesisTimeouts(TimeSpan FirstByte, TimeSpan Stall)
{
    public static SynthesisTimeouts Default { get; } = new(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5));

    public static SynthesisTimeouts WithFirstByte(TimeSpan firstByte) => Default with { FirstByte = firstByte };
}

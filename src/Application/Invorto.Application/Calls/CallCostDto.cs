namespace Invorto.Application.Calls;

/// <summary>One line of a call's cost breakdown; <see cref="Type"/> is transport, stt, tts, llm, platform or other.</summary>
public sealed record CallCostDto(string Type, string Provider, decimal? Minutes, decimal? Units, decimal CostInr);

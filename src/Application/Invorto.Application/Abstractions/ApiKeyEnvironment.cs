namespace Invorto.Application.Abstractions;

/// <summary>The <c>&lt;env&gt;</c> part of issued keys (<c>inv_live_...</c>, <c>inv_test_...</c>).</summary>
public sealed record ApiKeyEnvironment(string Name);

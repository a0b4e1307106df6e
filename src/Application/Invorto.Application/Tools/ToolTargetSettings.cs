namespace Invorto.Application.Tools;

/// <summary><c>WEBHOOK_ALLOW_PRIVATE_TARGETS</c> (spec §9): when true, tools may call http URLs and private or loopback addresses.</summary>
public sealed record ToolTargetSettings(bool AllowPrivateTargets);

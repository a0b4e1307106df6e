namespace Invorto.Application.Common;

/// <summary>One page of a listing (spec §4): <c>{ "data": [...], "nextCursor": "..." | null }</c>.</summary>
public sealed record Page<T>(IReadOnlyList<T> Data, string? NextCursor);

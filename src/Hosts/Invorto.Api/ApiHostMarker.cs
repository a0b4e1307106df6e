namespace Invorto.Api;

/// <summary>Names this assembly for tests and the launcher (each host has one, so their Program types never clash).</summary>
public sealed class ApiHostMarker;

namespace Invorto.Domain.Common;

/// <summary>Marks the roots that repositories may load and save; everything else is reached through its root.</summary>
public interface IAggregateRoot;

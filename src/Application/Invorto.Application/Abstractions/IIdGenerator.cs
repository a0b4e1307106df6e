namespace Invorto.Application.Abstractions;

/// <summary>Creates entity ids: UUID v7, so ids sort by creation time (spec §4).</summary>
public interface IIdGenerator
{
    Guid NewId();
}
